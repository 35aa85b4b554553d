"""The receipt printer (ESC/POS): raster and native-text rendering of kiosk.printing documents,
network / USB / serial links through python-escpos, status by DLE EOT, a print spooler thread
that never loses a job, and a simulated printer on TCP 9100."""
