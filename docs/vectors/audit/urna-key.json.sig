{"signer":"+pfMx6TX+J1jGrgvqoWYVRTS2AyXtJEe+Do7d56Rydk=","signature":"EXw/cXnOyWmy0EGjSwVZoz/STe1JKqvVdYiKWPt0tCAtW4k7XzU+CZoMVrIslkla6tgalIa1jW1Vb4EKycmHDw=="}
