import QtQuick
import QtQuick.Layouts
import Kiosk

// Staff sign-in: the staff member's own card and PIN, or a one-time code from the hub.
Rectangle {
    id: root
    objectName: "staffPanel"
    color: "#cc000000"
    MouseArea { anchors.fill: parent }  // taps stop here, not on the screen below

    function problemText() {
        switch (staff.problem) {
        case "wrong_pin": return qsTr("密码不对，还可以再试 %1 次").arg(staff.triesLeft)
        case "staff_locked": return qsTr("错误次数太多，已锁定，请过 15 分钟再试")
        case "not_staff": return qsTr("这张卡没有登记为本中心的工作人员")
        case "staff_disabled": return qsTr("这个工作人员账号已停用，请联系管理员")
        case "wrong_code": return qsTr("验证码不对、已用过或已过期")
        case "offline": return qsTr("连不上中心，无法核对。只有在本机登录过的卡可以离线登录")
        case "bad_input": return qsTr("请检查输入的内容")
        default: return ""
        }
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.gap * 4, Theme.sx(900))
        height: column.implicitHeight + Theme.gap * 3
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.line

        ColumnLayout {
            id: column
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 3
            spacing: Theme.gap

            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                text: staff.step === "card" ? qsTr("工作人员请刷卡")
                    : staff.step === "pin" ? qsTr("请输入工作人员密码")
                    : qsTr("请输入一次性验证码")
            }
            Text {
                Layout.fillWidth: true
                visible: staff.step === "card"
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                text: qsTr("把您本人的身份证放在读卡区，或插入社保卡")
            }
            Text {
                objectName: "staffProblem"
                Layout.fillWidth: true
                visible: text !== ""
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.accent
                text: root.problemText()
            }
            BusyIndicatorDots {
                Layout.alignment: Qt.AlignHCenter
                visible: staff.busy
            }
            PinPad {
                id: pad
                objectName: "staffPinPad"
                Layout.fillWidth: true
                visible: (staff.step === "pin" || staff.step === "code") && !staff.busy
                secret: staff.step === "pin"
                minLength: staff.step === "code" ? 8 : 4
                onDone: function(value) {
                    if (staff.step === "pin") staff.enterPin(value)
                    else staff.enterCode(value)
                    clear()
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton {
                    objectName: "staffUseCode"
                    Layout.fillWidth: true
                    visible: staff.step === "card"
                    fontSize: Theme.fontBody
                    text: qsTr("用验证码登录")
                    onClicked: staff.useCode()
                }
                BigButton {
                    objectName: "staffCancel"
                    Layout.fillWidth: true
                    fontSize: Theme.fontBody
                    text: qsTr("取消")
                    onClicked: { pad.clear(); staff.cancelSignIn() }
                }
            }
        }
    }
}
