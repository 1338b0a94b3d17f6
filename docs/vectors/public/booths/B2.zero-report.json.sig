{"signer":"mmKKcQe7HcwBJElf/q84cdBbS9DMJC1x/aU9+KZLm6k=","signature":"thXbgmK8/oaKFjC6wTKkueQzdrWHO8gXm2xy+BrXZ98464tLys22Li78cAk9GV70DcOBKsxjN6y7Ry+M1Sw/Bg=="}
