import QtQuick
import QtQuick.Layouts
import Kiosk

// The top of each step of the application: back, what this step is, and how far along.
RowLayout {
    id: header
    property string title
    property bool canGoBack: true
    // A screen with steps of its own (the elderly form's pages) takes 上一步 itself.
    property bool ownBack: false
    signal backRequested()
    Layout.fillWidth: true
    spacing: Theme.gap

    BigButton {
        objectName: "backButton"
        visible: header.canGoBack
        text: qsTr("‹ 上一步")
        onClicked: header.ownBack ? header.backRequested() : kiosk.back()
    }
    Text {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        text: header.title
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: Theme.text
    }
    Badge {
        visible: !!JSON.parse(kiosk.stepJson).count
        text: qsTr("第 %1 步，共 %2 步").arg(JSON.parse(kiosk.stepJson).index || 0).arg(JSON.parse(kiosk.stepJson).count || 0)
    }
}
