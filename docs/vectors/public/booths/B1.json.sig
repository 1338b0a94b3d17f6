{"signer":"OilbxNgLvxfWl5rkUzW0Z4ybBWZVpH9Quy5Er7YjOew=","signature":"7Cahci1LLMQHWlCCsLKCL0nG/t04TimwIH0LcS312mgUhsFoVjg7DE8wbPxpoX/ljI71l1ll59UwqdwYOFtVCA=="}
