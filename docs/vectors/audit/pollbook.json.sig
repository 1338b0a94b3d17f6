{"signer":"+pfMx6TX+J1jGrgvqoWYVRTS2AyXtJEe+Do7d56Rydk=","signature":"bIrJnMXxmjX9ubUdJ7UilbNaB/8P3G8A7pmc+L761MM7LTqFD5t1wqu/xvkZk4g/tlIXIiHkbKNaLUU/iJ+gDw=="}
