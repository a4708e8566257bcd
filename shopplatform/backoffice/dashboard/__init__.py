"""The back-office home page: sales and orders of today / 7 / 30 days with a chart, orders waiting for action,
low stock, best sellers, recent reviews and failing webhook endpoints; each figure links to the list it counts.

`queries.py` reads the figures with a fixed number of aggregate queries (whatever the number of orders);
`callback.py` is unfold's DASHBOARD_CALLBACK, which shows each panel only to people allowed to open its list.
"""
