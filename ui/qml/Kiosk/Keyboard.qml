import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

// Shown while a text field has focus; Chinese by Pinyin first, English second.
InputPanel {
    id: panel
    objectName: "inputPanel"
    visible: active
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
    }

    // Pinyin learns what is typed (names, addresses): forget it with the session.
    Connections {
        target: kiosk
        function onSessionWiped() { VirtualKeyboardSettings.userDataReset() }
    }
}
