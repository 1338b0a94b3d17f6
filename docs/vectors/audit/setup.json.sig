{"signer":"smdeDKfPzYga+IDIyPFw9cBOnXiHkEl/aqmARMoKfG8=","signature":"4iiKGTtP7D6mVoom+XK3hLb3Esb7xMXqe2CG7ZJMBuRiBVxYCcHjx7f1ANa484Aq/map8pgKIIDxSkFGUHT9DA=="}
