{"signer":"fTKnwuhHeua+xNBvZGU7Wi5lp0OvtmMmUJEmiKJTpAE=","signature":"19egr/1dyyNKYaHQ/cGdzWRg2VSsAsprfgo/zR0HN9uQAVvQ2xKFtfy7j5jbLw7aPX/mf8RJntpR8FRf8qSVCw=="}
