import QtQuick
import QtQuick.Layouts
import Kiosk

// Digits only, large, with the typed digits hidden as dots (a PIN) or shown (a code).
ColumnLayout {
    id: root
    property int maxLength: 8
    property int minLength: 4
    property bool secret: true
    property string value: ""
    signal done(string value)
    spacing: Theme.gap / 2

    function clear() { value = "" }

    Text {
        objectName: "pinPadValue"
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: root.secret ? "●".repeat(root.value.length) : root.value
        font.pixelSize: Theme.fontTitle
        font.letterSpacing: Theme.px(8)
        color: Theme.text
        Layout.preferredHeight: Theme.target
    }
    GridLayout {
        Layout.alignment: Qt.AlignHCenter
        columns: 3
        rowSpacing: Theme.gap / 2
        columnSpacing: Theme.gap / 2
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
            BigButton {
                objectName: "pinKey_" + modelData
                Layout.preferredWidth: Theme.target * 1.6
                Layout.preferredHeight: Theme.target
                primary: modelData === "OK"
                text: modelData === "OK" ? qsTr("确定") : modelData
                onClicked: {
                    if (modelData === "⌫") root.value = root.value.slice(0, -1)
                    else if (modelData === "OK") {
                        if (root.value.length >= root.minLength) root.done(root.value)
                    } else if (root.value.length < root.maxLength) root.value += modelData
                }
            }
        }
    }
}
