"""The fingerprint just taken, for QML: `image://fingerprint/<n>`, drawn from memory only
(it is never written to disk) and gone with the session."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickImageProvider

from drivers.fingerprint.codec import IMAGE_HEIGHT, IMAGE_WIDTH


class FingerprintImageProvider(QQuickImageProvider):
    def __init__(self, image: Callable[[], bytes | None]) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._image = image

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:
        data = self._image()
        if data is None:
            blank = QImage(IMAGE_WIDTH, IMAGE_HEIGHT, QImage.Format.Format_Grayscale8)
            blank.fill(QColor("white"))
            return blank
        image = QImage(
            data, IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_WIDTH, QImage.Format.Format_Grayscale8
        ).copy()
        if size is not None:
            size.setWidth(IMAGE_WIDTH)
            size.setHeight(IMAGE_HEIGHT)
        return image
