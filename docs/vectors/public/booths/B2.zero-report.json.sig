{"signer":"QBB4aexkKJik5dF+zHH9iTzecjf9E7uOaje49hoX5gk=","signature":"ixcFS68w0WwzNB9U4kXv2vkwSnchABKOjnZpxKTiBiNs18uqlI6g5OymB0nOJvT5fIIEdEgdip27mMq2n4WYCg=="}
