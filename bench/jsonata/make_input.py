#!/usr/bin/env python3
"""Writes bench/jsonata's input document (deterministic, ~150 KB): an order with 1,000 items.
   make_input.py OUT_FILE"""
import json
import sys

CATEGORIES = ["books", "games", "music", "tools", "garden"]
COLORS = ["red", "green", "blue", "black", "white", "grey"]


def document():
    items = []
    for i in range(1000):
        items.append({
            "sku": f"SKU-{i:05d}",
            "name": f"Item {i}",
            "category": CATEGORIES[(i * 7) % 5],
            "price": ((i * 7919) % 49999) / 100,
            "qty": 1 + (i * 31) % 9,
            "inStock": i % 3 != 0,
            "attributes": {"color": COLORS[i % 6], "weight": (i % 50) / 10},
        })
    return {
        "order": {
            "id": "ORD-2026-000042",
            "placed": "2026-11-24T04:30:00.000Z",
            "customer": {"name": "Ada Lovelace", "email": "ada@example.com", "tier": "gold",
                         "address": {"city": "London", "country": "GB"}},
            "total": 1234567.891,
            "items": items,
        }
    }


if __name__ == "__main__":
    with open(sys.argv[1], "w") as f:
        json.dump(document(), f, separators=(",", ":"))
