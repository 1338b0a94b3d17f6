{"signer":"QBB4aexkKJik5dF+zHH9iTzecjf9E7uOaje49hoX5gk=","signature":"H+5XXOkg0/kbWuouEbRyuw5e6a5bl/ntVMam5odDpbjLwUF4iwlqdan1TjgkpqPMQcZLznoHqSpo8MXoo757DQ=="}
