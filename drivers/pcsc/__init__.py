"""PC/SC card readers (pyscard over pcscd): the reader driver, card profiles and the
virtual social security card.

    from drivers.pcsc import PcscDriver
    driver = PcscDriver(on_event).start()   # events on the watcher thread; driver.stop()
"""

from drivers.pcsc import ssse  # registers the social security card profile
from drivers.pcsc.driver import SERVICE, PcscDriver, device_name
from drivers.pcsc.profiles import CardProfile, Fit, NotThisCard, register, registered

__all__ = [
    "SERVICE",
    "CardProfile",
    "Fit",
    "NotThisCard",
    "PcscDriver",
    "device_name",
    "register",
    "registered",
    "ssse",
]
