{"signer":"fTKnwuhHeua+xNBvZGU7Wi5lp0OvtmMmUJEmiKJTpAE=","signature":"Xd9NpTxLWcnMh6w8EwN31RjF9JKbzqqUUHFSD5UUfq8r/PDSFZBu1k4k/POaZou6eVxK4hnNP1NK5gOL8IywAA=="}
