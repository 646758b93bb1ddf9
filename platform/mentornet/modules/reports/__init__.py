"""Read-only figures for coordinators and funders, aggregated in SQL for the current network."""
