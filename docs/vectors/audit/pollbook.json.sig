{"signer":"m0E+YnYy9bFWlm7aMp5mDx9qLwIQRffs5RpfEBdiOk8=","signature":"y7jsK6SSC2KY2JgQB/6dseRXKo4mr7HEcHYJM/IchJzZYLD8O+C8lagxX72yG8/kfYFOaZMCHs6RbVIyXTpsDA=="}
