{"signer":"mmKKcQe7HcwBJElf/q84cdBbS9DMJC1x/aU9+KZLm6k=","signature":"R/tDgpkgbpY2pdHqk+JP86HNMl/dYMKQ2A010XmZLBkMznh1sGPhZ+dNv6ZqZRdZXfe/0CKTaEmdw57aAKqvCg=="}
