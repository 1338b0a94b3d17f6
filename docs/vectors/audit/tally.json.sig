{"signer":"m0E+YnYy9bFWlm7aMp5mDx9qLwIQRffs5RpfEBdiOk8=","signature":"9fUh5hn6o03DuFWz55idONq+nf0mb4d33qR92+L/KCZrOFCtxPP/o5Ba0SIRtnI5IIjRctzPlkBHk1GrUEplCg=="}
