"""What runs beside the screens, with no Qt: the journey's work, the desk to the hub, the
outbox's sync worker, the print service and its spooler, and the runtime that builds,
starts and stops them from the configuration."""
