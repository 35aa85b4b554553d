import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// Shown while a text field has focus: Chinese by Pinyin first, English second, and a pad to
// write a character by hand for those who never learnt Pinyin (handwriting, when installed).
Item {
    id: root
    objectName: "keyboard"
    readonly property bool active: panel.active
    property bool writing: false  // the handwriting pad in place of the keys
    height: active ? bar.height + panel.height : 0
    visible: active

    // Pinyin learns what is typed (names, addresses): forget it with the session, and the
    // next resident starts on the keys.
    Connections {
        target: kiosk
        function onSessionWiped() {
            VirtualKeyboardSettings.userDataReset()
            root.writing = false
        }
    }

    Rectangle {
        id: bar
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: handwriting.available ? Theme.target : 0
        visible: handwriting.available
        color: Theme.topBar
        BigButton {
            objectName: root.writing ? "keysButton" : "handwritingButton"
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.rightMargin: Theme.gap
            height: parent.height - Theme.px(12)
            width: implicitWidth
            fontSize: Theme.fontBody
            fill: Theme.surface
            text: root.writing ? qsTr("用拼音键盘") : qsTr("用手写")
            onClicked: {
                root.writing = !root.writing
                handwriting.clear()
            }
        }
    }

    InputPanel {
        id: panel
        objectName: "inputPanel"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: bar.bottom
        // Kept in place under the pad: it holds the input method's state and its height.
        opacity: root.writing ? 0 : 1
        enabled: !root.writing
        Component.onCompleted: {
            VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
            VirtualKeyboardSettings.locale = "zh_CN"
        }
    }

    HandwritingPad {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: bar.bottom
        height: panel.height
        visible: root.writing
        onChosen: (text) => InputContext.commit(text)
        onBackspace: InputContext.inputEngine.virtualKeyClick(Qt.Key_Backspace, "", 0)
    }
}
