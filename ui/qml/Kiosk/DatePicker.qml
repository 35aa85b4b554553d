import QtQuick
import QtQuick.Controls
import Kiosk

// A date by touch: year, month and day each turned on a wheel; no typing, no format to
// know. Emits the ISO date once all three are set. The button goes under the wheels when
// the three and it do not fit across (a portrait screen in large type).
Flow {
    id: root
    property string value: ""
    property int firstYear: new Date().getFullYear() - 110
    property int lastYear: new Date().getFullYear()
    signal picked(string iso)
    spacing: Theme.px(16)

    readonly property var parts: value.length === 10 ? value.split("-") : []

    function emitDate() {
        const y = root.lastYear - yearWheel.currentIndex
        const m = monthWheel.currentIndex + 1
        const last = new Date(y, m, 0).getDate()
        const d = Math.min(dayWheel.currentIndex + 1, last)
        root.picked(y + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d)
    }

    component Wheel: Tumbler {
        id: wheel
        property string format: "%1"
        wrap: false  // a year wheel that wraps shows 1916 above 2026
        height: Theme.target * 2.2
        visibleItemCount: 3
        font.pixelSize: Theme.fontLarge
        delegate: Text {
            required property var modelData
            required property int index
            text: wheel.format.arg(modelData)
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            font.pixelSize: Theme.fontLarge
            font.bold: Tumbler.displacement > -0.5 && Tumbler.displacement < 0.5
            color: Theme.text
            opacity: 1.0 - Math.abs(Tumbler.displacement) / 2
        }
        onMovingChanged: if (!moving) root.emitDate()
        background: Rectangle { radius: Theme.px(8); border.width: Theme.border; border.color: Theme.line }
    }

    Row {
        id: wheels
        spacing: root.spacing
        Wheel {
            id: yearWheel
            objectName: "yearWheel"
            width: Theme.sx(200)
            format: qsTr("%1年")
            model: root.lastYear - root.firstYear + 1
            delegate: Text {
                required property int index
                text: yearWheel.format.arg(root.lastYear - index)
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                font.pixelSize: Theme.fontLarge
                color: Theme.text
                opacity: 1.0 - Math.abs(Tumbler.displacement) / 2
            }
            currentIndex: root.parts.length ? root.lastYear - parseInt(root.parts[0]) : 0
        }
        Wheel {
            id: monthWheel
            objectName: "monthWheel"
            width: Theme.sx(150)
            format: qsTr("%1月")
            model: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
            currentIndex: root.parts.length ? parseInt(root.parts[1]) - 1 : new Date().getMonth()
        }
        Wheel {
            id: dayWheel
            objectName: "dayWheel"
            width: Theme.sx(150)
            format: qsTr("%1日")
            model: 31
            delegate: Text {
                required property int index
                text: dayWheel.format.arg(index + 1)
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                font.pixelSize: Theme.fontLarge
                color: Theme.text
                opacity: 1.0 - Math.abs(Tumbler.displacement) / 2
            }
            currentIndex: root.parts.length ? parseInt(root.parts[2]) - 1 : new Date().getDate() - 1
        }
    }
    Item {
        readonly property bool besideWheels: root.width >= wheels.width + root.spacing + confirm.width
        width: confirm.width
        height: besideWheels ? wheels.height : confirm.height
        BigButton {
            id: confirm
            objectName: "dateConfirm"
            anchors.verticalCenter: parent.verticalCenter
            text: root.value ? qsTr("✓ 日期已选好") : qsTr("就选这一天")
            selected: root.value !== ""
            onClicked: root.emitDate()
        }
    }
}
