{"signer":"fTKnwuhHeua+xNBvZGU7Wi5lp0OvtmMmUJEmiKJTpAE=","signature":"tZt4pGgWm2iA7UEH2zYbKgOvgg/UzBp/i0QWU4gmO7r2LMkmReXn6X2gQELpzOI/MeWFsy5GKXQDZi0B4JfcCQ=="}
