{"signer":"+pfMx6TX+J1jGrgvqoWYVRTS2AyXtJEe+Do7d56Rydk=","signature":"QFF8sMt1SydYhqlJs+CUGRKZWJLchCYmEDWoMXqt8GOJYAsdcVsJNaFwqFXpQ0RE8YcpdUrULegq3sJvoYTJBQ=="}
