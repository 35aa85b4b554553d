import QtQuick
import QtQuick.Layouts
import Kiosk

// The paper materials of an application, one after another through the camera; a material
// the resident has not brought is handed in at a window later instead.
Item {
    id: root
    readonly property var paper: JSON.parse(journey.paperJson)

    DocumentScreen {
        id: pages
        anchors.fill: parent
        anchors.bottomMargin: laterBar.height
        camera: kioskCamera
        materialName: root.paper.name || ""
        onBack: kiosk.back()
    }
    Rectangle {
        id: laterBar
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: laterRow.implicitHeight + Theme.px(24)
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.line
        RowLayout {
            id: laterRow
            anchors.fill: parent
            anchors.margins: Theme.px(12)
            spacing: Theme.gap
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("第 %1 份，共 %2 份材料。没带这份材料？可以稍后到窗口交。")
                      .arg(root.paper.index || 0).arg(root.paper.count || 0)
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
            BigButton {
                objectName: "handInLaterButton"
                text: qsTr("没带，到窗口交")
                fontSize: Theme.fontBody
                onClicked: journey.handInLater()
            }
        }
    }
}
