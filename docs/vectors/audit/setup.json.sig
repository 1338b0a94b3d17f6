{"signer":"+pfMx6TX+J1jGrgvqoWYVRTS2AyXtJEe+Do7d56Rydk=","signature":"pR1TaGgPp3szWmn56s8SWyfonqfpdtZwp6dEpG4eTf/kR6IM3QbTNJr64h1PZZ9WKyy654m+RG1vRkhy98XFDQ=="}
