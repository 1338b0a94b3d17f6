{"signer":"m0E+YnYy9bFWlm7aMp5mDx9qLwIQRffs5RpfEBdiOk8=","signature":"wAy4T4wNqokdb+cljK2qEt5Jgm4yM0BQ/JuJ/2LMqke3GFEYNubeVIOtA0THb3QlCjFrfdwsH+alEpRbFdVHAA=="}
