"""The reference joint-handling hub (`kiosk-hub`) and the admin's command line (`kioskctl`).

cli.py, settings.py     the command and its settings (TOML, environment, flags)
app.py, api/            the FastAPI application and its routes under /v1
hub.py, db.py           state shared by requests; SQLite or PostgreSQL, migrations/
tables.py               the tables; every change is a migration in migrations/versions
auth.py, limits.py      credentials; request size limits
errors.py               every error as kiosk.contract.ErrorResponse
applications.py         submission, acceptance numbers, progress, ratings
workflow.py             department tasks: claim, complete, return, reject
calendar.py             working days (holidays.toml: holidays and make-up days)
catalogs.py, sharing.py catalog versions; data-sharing look-ups with consent records
appointments.py         slots, bookings
sandbox/, auto_handler  SAMPLE DATA, and the departments that handle tasks by themselves
process.py, demo_hub.py the hub as a child process, for demos, tests and benchmarks
"""
