import QtQuick
import QtQuick.Layouts
import Kiosk

// The card cannot be used: say why in plain words, and what to do.
Rectangle {
    color: Theme.background
    readonly property string kind: JSON.parse(kiosk.problemJson).kind || ""
    readonly property date day: new Date((JSON.parse(kiosk.problemJson).date || "1970-01-01") + "T00:00:00")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2

        Text {
            objectName: "problemTitle"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: kind === "expired" ? qsTr("证件已过期")
                : kind === "not_yet_valid" ? qsTr("证件尚未生效")
                : kind === "invalid_number" ? qsTr("证件号码无法核对")
                : qsTr("无法读取这张卡")
            font.pixelSize: Theme.fontHuge
            font.bold: true
            color: Theme.accent
        }
        Text {
            objectName: "problemText"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: kind === "expired"
                  ? qsTr("这张证件的有效期到 %1 为止。请使用有效证件，或到窗口办理。")
                        .arg(day.toLocaleDateString(Qt.locale(kiosk.language), kiosk.language === "en" ? "d MMMM yyyy" : "yyyy年M月d日"))
                : kind === "not_yet_valid"
                  ? qsTr("这张证件从 %1 起才生效。请使用有效证件，或到窗口办理。")
                        .arg(day.toLocaleDateString(Qt.locale(kiosk.language), kiosk.language === "en" ? "d MMMM yyyy" : "yyyy年M月d日"))
                : kind === "invalid_number"
                  ? qsTr("卡上的证件号码核对不通过，这张卡可能已损坏。请到窗口办理。")
                  : qsTr("请取出证件，擦干净后重新放好再试一次。如果还是不行，请联系工作人员。")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        RowLayout {
            spacing: Theme.gap * 2
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ 返回")
                onClicked: kiosk.back()
            }
            BigButton {
                objectName: "retryButton"
                primary: true
                text: qsTr("重新刷卡")
                onClicked: kiosk.identify()
            }
        }
        Item { Layout.fillHeight: true }
    }
}
