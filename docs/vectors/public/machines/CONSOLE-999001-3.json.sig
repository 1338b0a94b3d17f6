{"signer":"fTKnwuhHeua+xNBvZGU7Wi5lp0OvtmMmUJEmiKJTpAE=","signature":"DnERAmN+KhfYqhc1NLoxKHMKjMoPJvIsiiIfaZqjQzB1gLazy1aObJ1uL5FChnlrXF6b92e8FKduTJL2TjRGCA=="}
