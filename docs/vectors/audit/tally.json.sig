{"signer":"+pfMx6TX+J1jGrgvqoWYVRTS2AyXtJEe+Do7d56Rydk=","signature":"IM0ZiqBXQy4BIzgALA/1anpsODe5gTDR63e2TGTD5f+sXZw1EBnqXIbWCUi6zshF95nvXHKZdx9yx85hikObCQ=="}
