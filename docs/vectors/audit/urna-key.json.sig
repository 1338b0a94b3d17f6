{"signer":"m0E+YnYy9bFWlm7aMp5mDx9qLwIQRffs5RpfEBdiOk8=","signature":"EnzSxqG8o75wTT1f0Qd2mwRa9C+Ex1RXQb4Dpq/dRTg2L8/zQ0Xcj4oJl2xDGEJKxnL8agCadQ00tF5C2njpDQ=="}
