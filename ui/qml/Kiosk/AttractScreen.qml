import QtQuick
import QtQuick.Layouts
import Kiosk

// What a passer-by sees: one instruction, and two doors into the life events.
Rectangle {
    id: attract
    color: Theme.background
    // A portrait screen: the three doors one above the other, each as wide as the screen.
    readonly property bool portrait: height > width
    readonly property real doorWidth: portrait ? width - Theme.gap * 4 : (width - Theme.gap * 10) / 3
    // Lower on a portrait screen, where the three are stacked: all three fit under the words.
    readonly property real doorHeight: portrait ? Theme.sx(120) : Theme.elderly ? Theme.sx(150) : Theme.sx(200)

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        // Elderly type leaves little height: tighter rows, so that the staff's door above them
        // costs no door below.
        spacing: Theme.elderly ? Theme.gap : Theme.gap * 2
        // Below the staff's corner door, so that it covers neither the notice nor the words.
        anchors.topMargin: Theme.gap * 2 + (staffSignIn.visible ? staffSignIn.height : 0)

        // The central admins' notice (a fleet push), e.g. opening hours on a holiday.
        Rectangle {
            objectName: "adminNotice"
            visible: kiosk.noticeText !== ""
            Layout.fillWidth: true
            Layout.preferredHeight: noticeLine.implicitHeight + Theme.gap * 2
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.accent
            border.width: Theme.px(3)
            Text {
                id: noticeLine
                anchors.fill: parent
                anchors.margins: Theme.gap
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                text: kiosk.noticeText
                font.pixelSize: Theme.fontLarge
                color: Theme.text
            }
        }

        Item { Layout.fillHeight: true }

        // The card picture beside the words, or above them on a portrait screen.
        GridLayout {
            Layout.alignment: Qt.AlignHCenter
            columns: attract.portrait ? 1 : 2
            columnSpacing: Theme.gap * 2
            rowSpacing: Theme.gap

            CardPicture {
                id: cardPicture
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: implicitWidth * (attract.portrait ? 0.7 : 1)
                Layout.preferredHeight: implicitHeight * (attract.portrait ? 0.7 : 1)
            }

            Column {
                Layout.maximumWidth: attract.portrait ? attract.width - Theme.gap * 4
                                                      : attract.width - cardPicture.width - Theme.gap * 6
                spacing: Theme.gap
                Text {
                    width: Math.min(implicitWidth, parent.Layout.maximumWidth)
                    wrapMode: Text.WordWrap
                    text: qsTr("请刷身份证或社保卡")
                    font.pixelSize: attract.portrait ? Theme.fontTitle * 1.25 : Theme.fontHuge
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    // Elderly mode says less, in bigger type.
                    visible: !Theme.elderly
                    width: Math.min(implicitWidth, parent.Layout.maximumWidth)
                    wrapMode: Text.WordWrap
                    text: qsTr("办一件事，只跑一次：一张卡，一张表，一次办好")
                    font.pixelSize: Theme.fontLarge
                    color: Theme.textMuted
                }
            }
        }

        Text {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: attract.width - Theme.gap * 4
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("或者按人生大事选择要办的事")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }

        GridLayout {
            Layout.alignment: Qt.AlignHCenter
            columns: attract.portrait ? 1 : 3
            columnSpacing: Theme.gap * 2
            rowSpacing: Theme.gap
            BigButton {
                objectName: "personalButton"
                Layout.preferredWidth: attract.doorWidth
                Layout.preferredHeight: Math.max(attract.doorHeight, implicitHeight)
                primary: true
                fontSize: Theme.fontTitle
                text: qsTr("个人办事")
                subtext: Theme.elderly ? "" : qsTr("出生、上学、就业、婚育、置业、救助、就医、退休、养老、身后")
                onClicked: kiosk.browse("personal")
            }
            BigButton {
                objectName: "enterpriseButton"
                Layout.preferredWidth: attract.doorWidth
                Layout.preferredHeight: Math.max(attract.doorHeight, implicitHeight)
                primary: true
                fontSize: Theme.fontTitle
                text: qsTr("企业办事")
                subtext: Theme.elderly ? "" : qsTr("开办、场地、招聘、经营、权益、注销")
                onClicked: kiosk.browse("enterprise")
            }
            // 查询打印: a returning resident follows an application and prints its results.
            BigButton {
                objectName: "progressButton"
                Layout.preferredWidth: attract.doorWidth
                Layout.preferredHeight: Math.max(attract.doorHeight, implicitHeight)
                fontSize: Theme.fontTitle
                text: qsTr("查询打印")
                subtext: Theme.elderly ? "" : qsTr("办理进度、结果打印")
                onClicked: kiosk.want("progress")
            }
        }

        Item { Layout.fillHeight: true }
    }

    // For community staff: a small, quiet door in the corner, away from the residents' own.
    BigButton {
        id: staffSignIn
        objectName: "staffSignInButton"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.gap
        visible: !staff.signedIn
        // Staff's size, not the elderly resident's: it must not crowd her doors.
        height: Theme.px(88)
        fontSize: Theme.px(26)
        text: qsTr("工作人员登录")
        onClicked: staff.openSignIn()
    }

    // For field technicians: a hidden corner, held for three seconds, opens maintenance mode
    // (behind a code). Nothing shows; residents never find it by chance.
    MouseArea {
        objectName: "maintenanceCorner"
        anchors.left: parent.left
        anchors.top: parent.top
        width: Theme.px(120)
        height: Theme.px(120)
        pressAndHoldInterval: 3000
        onPressAndHold: maintenance.open()
    }
}
