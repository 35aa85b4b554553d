"""Where the kiosk's own files are: the embedded defaults and sample catalog (config/) and the
assets (translations, the simulators' samples; assets/).

In a checkout they sit beside the packages. An installed kiosk (`pip install .`, the Debian
package's virtualenv under /opt) has them under `<sys.prefix>/share/yijianshi-kiosk/`, where
the wheel's data files put them, so it needs no checkout.
"""

from __future__ import annotations

import sys
from pathlib import Path

SHARE_NAME = "yijianshi-kiosk"


def _root() -> Path:
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "config" / "kiosk.toml").is_file():
        return checkout
    return Path(sys.prefix) / "share" / SHARE_NAME


ROOT = _root()
CONFIG_DIR = ROOT / "config"
ASSETS_DIR = ROOT / "assets"

DEFAULTS = CONFIG_DIR / "kiosk.toml"
CATALOG = CONFIG_DIR / "catalog"
TRANSLATIONS = ASSETS_DIR / "i18n"
SIM_ASSETS = ASSETS_DIR / "sim"
