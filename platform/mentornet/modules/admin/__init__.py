"""The admin console (/<slug>/admin/): a network's administrator configures the network."""
