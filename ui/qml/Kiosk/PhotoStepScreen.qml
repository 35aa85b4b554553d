import QtQuick
import Kiosk

// The photo step of an application: the camera's photo screen, its result to the journey.
PhotoScreen {
    camera: kioskCamera
    onBack: kiosk.back()
    onAccepted: journey.photoAccepted()
}
