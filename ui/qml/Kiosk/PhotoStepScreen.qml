import QtQuick
import Kiosk

// The photo step of an application: the camera's photo screen, its result to the journey.
PhotoScreen {
    camera: kioskCamera
    onBack: kiosk.back()
    onAccepted: journey.photoAccepted()
    // Elderly mode: the guidance is said aloud too (the same words not again for a while).
    readonly property string guidanceCode: kioskCamera.guidance
    onGuidanceCodeChanged: if (Theme.elderly) kiosk.say(words(guidanceCode))
}
