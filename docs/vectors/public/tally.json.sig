{"signer":"m0E+YnYy9bFWlm7aMp5mDx9qLwIQRffs5RpfEBdiOk8=","signature":"m62D+rMvt+Fq7RAhOvrk/wrooyFOIngnlBwBCuBV0LmhUrGKR9xqLgP46MSY9FKxpmJGyfsQjB+FDPijE2sBCQ=="}
