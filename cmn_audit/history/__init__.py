"""A workspace's runs over time: the list of runs, two runs compared, trends, their Russian text."""
