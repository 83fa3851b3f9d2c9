"""Reading fact files into checked records."""
