{"signer":"9Io7RWozTLqYB41ZOIdZymNZlSJ2wuC8mkk02CrD6G0=","signature":"0vigXQRYcP3+m/UlJgDf+PnrBiBx75tsQHELnKwBXiQGuVxf9pYtrajWmN8qNuR7r8tb1sjrU589OQoZ0D5HCw=="}
