{"signer":"smdeDKfPzYga+IDIyPFw9cBOnXiHkEl/aqmARMoKfG8=","signature":"cQnP8NPT8duVqImDuVJmmMy81nAF6sKZb7wu9b490gU3J10ATd1kRUt0rLdmU8yOa2U4ezmaLl5X9Xt9fuQvCw=="}
