"""Printed documents: the receipt model, its builders (acceptance notice, simplified guide,
appointment slip), the word wrapper, and the persisted print jobs. No Qt, no printer bytes:
drivers/printer turns a Document into ESC/POS."""
