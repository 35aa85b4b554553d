import QtQuick
import QtQuick.Layouts
import Kiosk

// Maintenance mode, for field technicians: a one-time code from the hub (or the day's offline
// code), then one row per peripheral with one big 开始测试, the verdict in plain words and the
// technical detail. While it is open the kiosk says "设备维护中" to residents.
Rectangle {
    id: root
    objectName: "maintenancePanel"
    color: maintenance.step === "menu" ? Theme.background : "#cc000000"
    MouseArea { anchors.fill: parent }  // taps stop here, not on the screen below

    function deviceTitle(name) {
        switch (name) {
        case "printer": return qsTr("凭条打印机")
        case "card": return qsTr("社保卡读卡器")
        case "idreader": return qsTr("身份证阅读器")
        case "fingerprint": return qsTr("指纹仪")
        case "camera": return qsTr("摄像头")
        case "document_camera": return qsTr("高拍仪")
        case "hub": return qsTr("网络和中心")
        case "fleet": return qsTr("中心下发的配置")
        case "voice": return qsTr("语音提示")
        default: return name
        }
    }
    function verdictText(verdict) {
        switch (verdict) {
        case "ok": return qsTr("正常")
        case "warn": return qsTr("注意")
        case "fail": return qsTr("故障")
        case "skip": return qsTr("未配置")
        default: return ""
        }
    }
    // A check's verdict in the technician's language, by its code (services.doctor.WORDS has
    // the same Chinese for a shell; tests/test_maintenance_ui.py keeps the two equal). A code
    // this table does not know shows the service's own words.
    function checkWords(code, words) {
        switch (code) {
        case "error": return qsTr("检查时出错")
        case "not_configured": return qsTr("本机未配置")
        case "busy": return qsTr("设备忙")
        case "printer.none": return qsTr("本机未配置凭条打印机")
        case "printer.ok": return qsTr("打印机正常")
        case "printer.paper_low": return qsTr("纸快用完了，请及时换纸")
        case "printer.paper_out": return qsTr("打印机缺纸，请装纸")
        case "printer.cover_open": return qsTr("打印机盖没有关好")
        case "printer.offline": return qsTr("打印机没有应答，请检查电源和连线")
        case "printer.fault": return qsTr("打印机故障（切刀或机芯）")
        case "printer.test_page": return qsTr("测试页已打印")
        case "printer.test_page_failed": return qsTr("测试页没有打印")
        case "printer.sample_printed": return qsTr("测试小票已打印")
        case "printer.sample_failed": return qsTr("测试小票没有打印")
        case "printer.office_printed": return qsTr("A4 测试页已送到 A4 打印机")
        case "printer.office_failed": return qsTr("A4 测试页没有打印")
        case "printer.test_queued": return qsTr("还没有打印：打印机缺纸或出错；装好纸后会自动打出这一张")
        case "card.none": return qsTr("本机未配置社保卡读卡器")
        case "card.no_service": return qsTr("读卡服务(pcscd)没有运行")
        case "card.no_reader": return qsTr("没有找到读卡器，请检查连线")
        case "card.missing_reader": return qsTr("配置的读卡器没有找到")
        case "card.ok": return qsTr("读卡器正常")
        case "card.read": return qsTr("读卡正常，已读到卡（信息已遮挡）")
        case "card.no_card": return qsTr("读卡器正常，但没有放卡：请放一张卡再测试")
        case "card.unreadable": return qsTr("读卡器正常，这张卡读不出：请换一张卡再试")
        case "idreader.none": return qsTr("本机未配置身份证阅读器")
        case "idreader.ok": return qsTr("身份证阅读器正常")
        case "idreader.fail": return qsTr("身份证阅读器没有应答")
        case "idreader.read": return qsTr("身份证阅读器读卡正常，已读到证件（信息已遮挡）")
        case "fingerprint.none": return qsTr("本机未配置指纹仪")
        case "fingerprint.ok": return qsTr("指纹仪正常")
        case "fingerprint.silent": return qsTr("指纹仪没有应答，请检查连线")
        case "fingerprint.no_finger": return qsTr("没有按手指")
        case "fingerprint.good": return qsTr("指纹清晰")
        case "fingerprint.faint": return qsTr("指纹太淡：请把手指放平、稍用力")
        case "fingerprint.smudged": return qsTr("指纹不清晰：请擦拭传感器和手指再试")
        case "fingerprint.enrolled": return qsTr("指纹仪正常：录入并比对成功")
        case "fingerprint.no_match": return qsTr("比对没有通过，请擦拭传感器再试")
        case "fingerprint.not_same": return qsTr("几次按的不像同一个手指，请再试")
        case "fingerprint.baud_refused": return qsTr("这个速率指纹仪不支持")
        case "camera.none": return qsTr("本机未配置摄像头")
        case "camera.cannot_open": return qsTr("摄像头打不开，请检查连线")
        case "camera.no_frame": return qsTr("摄像头没有画面")
        case "camera.dark": return qsTr("画面太暗，请检查镜头和照明")
        case "camera.ok": return qsTr("摄像头正常")
        case "document_camera.none": return qsTr("本机没有另配高拍仪，材料由摄像头拍")
        case "document_camera.cannot_open": return qsTr("高拍仪打不开，请检查连线")
        case "document_camera.no_frame": return qsTr("高拍仪没有画面")
        case "document_camera.dark": return qsTr("高拍仪画面太暗，请检查镜头和照明")
        case "document_camera.ok": return qsTr("高拍仪正常")
        case "calibration.invalid": return qsTr("校准没有保存：设置不对")
        case "calibration.not_saved": return qsTr("校准没有保存：存储出错，请检查磁盘")
        case "calibration.wait": return qsTr("请稍候：正在测试，完成后再校准")
        case "hub.not_enrolled": return qsTr("本机还没有登记到中心")
        case "hub.unreachable": return qsTr("连不上中心，请检查网络")
        case "hub.failing": return qsTr("中心有应答，但出错了，请联系中心")
        case "hub.ok": return qsTr("中心连接正常")
        case "hub.not_accepted": return qsTr("中心不认本机的登记凭证，请重新登记")
        case "hub.tls_expired": return qsTr("中心的证书已过期")
        case "hub.tls_not_yet_valid": return qsTr("中心的证书还没有生效，请检查本机时钟")
        case "hub.tls_untrusted": return qsTr("中心的证书不受信任（不是本机配置的证书机构签发的）")
        case "hub.tls_wrong_name": return qsTr("中心的证书与中心地址不符")
        case "hub.tls_revoked": return qsTr("中心的证书已被吊销")
        case "hub.tls_failed": return qsTr("与中心的加密连接没有建立")
        case "hub.tls_expiring": return qsTr("中心的证书快到期了，请联系中心更换")
        case "hub.clock_off": return qsTr("本机时钟与中心相差超过一分钟，请校准时间")
        case "hub.clock_wrong": return qsTr("本机时钟与中心相差太大，加密连接和配置校验会出错，请校准时间")
        case "hub.outbox_refused": return qsTr("有申请被中心拒收，留在本机等人工处理")
        case "hub.outbox_stuck": return qsTr("有申请很久没有送到中心")
        case "hub.sync_stale": return qsTr("本机很久没有与中心同步")
        case "fleet.none": return qsTr("本机不接收中心下发的配置")
        case "fleet.no_root": return qsTr("中心配置的信任根文件读不出来")
        case "fleet.ok": return qsTr("中心下发的配置有效")
        case "fleet.expired": return qsTr("中心下发的配置已过期，未能与中心确认（本机照常服务）")
        case "fleet.unconfirmed": return qsTr("中心下发的配置很久没有与中心确认（本机照常服务）")
        case "fleet.refused": return qsTr("中心下发的新配置没有用上，仍按原配置运行")
        case "voice.ok": return qsTr("语音提示正常")
        case "voice.fail": return qsTr("语音提示不可用")
        case "voice.said": return qsTr("语音提示正常：中文、英文各说了一句")
        case "voice.not_said": return qsTr("测试语音没有说出来，请检查音箱和音量")
        default: return words
        }
    }
    // What the fingerprint test asks the technician to do (services.doctor's on_step words).
    function promptWords(words) {
        switch (words) {
        case "正在读取指纹": return qsTr("正在读取指纹")
        case "正在打印": return qsTr("正在打印…")
        case "请把手指平放在指纹仪上": return qsTr("请把手指平放在指纹仪上")
        case "请抬起手指": return qsTr("请抬起手指")
        case "请再按一次同一个手指": return qsTr("请再按一次同一个手指")
        case "请第三次按同一个手指": return qsTr("请第三次按同一个手指")
        default: return words
        }
    }
    function problemWords(code, count) {
        switch (code) {
        case "wrong_code": return qsTr("维护码不对，还可以试 %1 次").arg(count)
        case "locked": return qsTr("错误次数太多，请 %1 分钟后再试").arg(count)
        case "hub_locked": return qsTr("错误次数太多，中心已暂停登录，请稍后再试")
        case "wrong_pin": return qsTr("密码不对，还可以试 %1 次").arg(count)
        case "card_locked": return qsTr("密码错误次数太多，这张卡暂时不能登录")
        case "not_technician": return qsTr("这张卡不是技术人员的卡")
        case "card_offline": return qsTr("连不上中心，不能刷卡登录：请用当日离线码")
        case "": return ""
        default: return qsTr("登录时出错，请再试")
        }
    }
    function busyWords(name) {
        return name === "card" ? qsTr("请把卡放到读卡器上（20 秒内）…") : qsTr("正在测试…")
    }
    function verdictColor(verdict) {
        return verdict === "ok" ? Theme.shared : verdict === "fail" ? Theme.accent : Theme.textMuted
    }

    // -- the code ------------------------------------------------------------------------------
    Rectangle {
        visible: maintenance.step === "code" || maintenance.step === "pin"
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.gap * 4, Theme.sx(900))
        height: codeColumn.implicitHeight + Theme.gap * 3
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.line

        ColumnLayout {
            id: codeColumn
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
                text: maintenance.step === "pin" ? qsTr("已读到技术人员卡：请输入密码")
                    : qsTr("技术人员维护")
            }
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                text: maintenance.step === "pin" ? qsTr("密码由中心登记；输错 5 次，这张卡会被锁 15 分钟")
                    : qsTr("请输入中心发的一次性维护码，或刷技术人员卡；连不上中心时，用当日离线码")
            }
            Text {
                objectName: "maintenanceProblem"
                Layout.fillWidth: true
                visible: text !== ""
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.accent
                text: root.problemWords(maintenance.problem, maintenance.problemCount)
            }
            BusyIndicatorDots {
                Layout.alignment: Qt.AlignHCenter
                visible: maintenance.busy === "sign_in"
            }
            PinPad {
                id: pad
                objectName: "maintenancePinPad"
                Layout.fillWidth: true
                visible: maintenance.busy === ""
                secret: true
                minLength: maintenance.step === "pin" ? 4 : 8
                onDone: function(value) {
                    if (maintenance.step === "pin")
                        maintenance.enterPin(value)
                    else
                        maintenance.enterCode(value)
                    clear()
                }
            }
            BigButton {
                objectName: "maintenanceCancel"
                Layout.fillWidth: true
                fontSize: Theme.fontBody
                text: qsTr("取消")
                onClicked: { pad.clear(); maintenance.cancel() }
            }
        }
    }

    // -- the tests -----------------------------------------------------------------------------
    ColumnLayout {
        visible: maintenance.step === "menu"
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                Layout.fillWidth: true
                Layout.preferredWidth: 1  // takes what the buttons leave, and wraps in it
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                text: qsTr("设备维护中 · 设备测试")
            }
            BigButton {
                objectName: "maintenanceTestAll"
                Layout.preferredWidth: Theme.sx(280)
                fontSize: Theme.fontBody
                primary: true
                enabled: maintenance.busy === ""
                text: maintenance.busy === "all" ? qsTr("正在测试…") : qsTr("全部测试")
                onClicked: maintenance.testAll()
            }
            BigButton {
                objectName: "maintenanceCalibrate"
                Layout.preferredWidth: Theme.sx(320)
                fontSize: Theme.fontBody
                enabled: maintenance.busy === ""
                text: qsTr("摄像头校准")
                onClicked: calibration.open = true
            }
            BigButton {
                objectName: "maintenanceExport"
                Layout.preferredWidth: Theme.sx(320)
                fontSize: Theme.fontBody
                enabled: maintenance.busy === ""
                text: maintenance.busy === "export" ? qsTr("正在导出…") : qsTr("导出诊断包")
                onClicked: maintenance.exportBundle()
            }
            BigButton {
                objectName: "maintenanceSignOut"
                Layout.preferredWidth: Theme.sx(260)
                fontSize: Theme.fontBody
                text: qsTr("退出维护")
                onClicked: maintenance.signOut()
            }
        }
        Text {
            // At a glance: how many faults, and where.
            objectName: "maintenanceSummary"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontBody
            font.bold: true
            readonly property var faults: maintenance.devices.filter(d => d.verdict === "fail")
            readonly property int tested: maintenance.devices.filter(d => d.verdict !== "").length
            color: faults.length > 0 ? Theme.accent : Theme.textMuted
            text: faults.length > 0
                ? qsTr("%n 项故障：%1", "", faults.length)
                    .arg(faults.map(d => root.deviceTitle(d.name)).join(qsTr("、")))
                : tested > 0 ? qsTr("已测试的设备都没有故障")
                : qsTr("逐项点“开始测试”，有故障的一项会标红；身份证放到阅读器上，就能看到读卡结果")
        }
        Text {
            Layout.fillWidth: true
            visible: maintenance.exported !== ""
            wrapMode: Text.WrapAnywhere
            font.pixelSize: Theme.fontSmall
            color: Theme.shared
            text: qsTr("诊断包已导出（不含居民个人信息）：%1").arg(maintenance.exported)
        }
        Text {
            objectName: "maintenanceUploaded"
            Layout.fillWidth: true
            visible: maintenance.uploaded !== "" || maintenance.uploadProblem !== ""
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontSmall
            color: maintenance.uploaded !== "" ? Theme.shared : Theme.accent
            text: maintenance.uploaded !== ""
                ? qsTr("已上传到中心，编号 %1").arg(maintenance.uploaded)
                : maintenance.uploadProblem === "unreachable"
                ? qsTr("没有上传到中心：连不上中心。请把 U 盘上的诊断包带回")
                : maintenance.uploadProblem === "too_large"
                ? qsTr("没有上传到中心：诊断包太大。请把 U 盘上的诊断包带回")
                : qsTr("没有上传到中心：中心拒收。请把 U 盘上的诊断包带回")
        }

        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.px(12)
            model: maintenance.devices
            delegate: Rectangle {
                required property var modelData
                width: ListView.view.width
                height: Math.max(row.implicitHeight, Theme.target) + Theme.px(24)
                radius: Theme.radius
                color: Theme.surface
                border.width: Theme.border
                border.color: modelData.verdict === "fail" ? Theme.accent : Theme.line

                RowLayout {
                    id: row
                    anchors.fill: parent
                    anchors.margins: Theme.px(12)
                    spacing: Theme.gap
                    Text {
                        Layout.preferredWidth: Theme.sx(300)
                        Layout.maximumWidth: Theme.sx(300)
                        wrapMode: Text.WordWrap
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.text
                        text: root.deviceTitle(modelData.name)
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: Theme.px(4)
                        Text {
                            objectName: "maintenanceDevice_" + modelData.name
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: root.verdictColor(modelData.verdict)
                            text: maintenance.busy === modelData.name ? root.busyWords(modelData.name)
                                : maintenance.busy === "all" ? qsTr("正在测试…")
                                : modelData.verdict === "" ? qsTr("还没有测试")
                                : qsTr("%1：%2").arg(root.verdictText(modelData.verdict))
                                    .arg(root.checkWords(modelData.code, modelData.words))
                        }
                        Text {
                            // What the fingerprint test asks of the technician's own finger.
                            objectName: "maintenancePrompt_" + modelData.name
                            Layout.fillWidth: true
                            visible: maintenance.busy === modelData.name && maintenance.prompt !== ""
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.text
                            text: root.promptWords(maintenance.prompt)
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: modelData.detail !== ""
                            wrapMode: Text.WrapAnywhere
                            maximumLineCount: 4
                            elide: Text.ElideRight
                            font.pixelSize: Theme.fontSmall
                            font.family: "monospace"
                            color: Theme.textMuted
                            text: modelData.detail
                        }
                        RowLayout {
                            // The fingerprint test's last press, from memory (the technician's
                            // own finger): dropped a minute after the test, or sooner.
                            id: fpShown
                            objectName: modelData.name === "fingerprint" ? "maintenanceFingerprintImage" : ""
                            visible: modelData.name === "fingerprint" && maintenance.fingerprintUrl !== ""
                            Layout.fillWidth: true
                            spacing: Theme.gap
                            readonly property var q: JSON.parse(maintenance.fingerprintQuality)
                            Rectangle {
                                Layout.preferredWidth: Theme.px(164)
                                Layout.preferredHeight: Theme.px(184)
                                color: "#ffffff"
                                border.width: Theme.border
                                border.color: Theme.line
                                Image {
                                    anchors.fill: parent
                                    anchors.margins: Theme.px(2)
                                    fillMode: Image.PreserveAspectFit
                                    cache: false
                                    source: maintenance.fingerprintUrl
                                }
                            }
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: Theme.px(4)
                                Text {
                                    Layout.fillWidth: true
                                    wrapMode: Text.WordWrap
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    color: fpShown.q.verdict === "good" ? Theme.text : Theme.accent
                                    text: qsTr("最后一次按压的图像：%1").arg(
                                        fpShown.q.verdict === "good" ? qsTr("清晰")
                                        : fpShown.q.verdict === "faint" ? qsTr("太淡（手指放平、稍用力）")
                                        : qsTr("不清晰（擦拭传感器和手指）"))
                                }
                                Text {
                                    Layout.fillWidth: true
                                    wrapMode: Text.WordWrap
                                    font.pixelSize: Theme.fontSmall
                                    color: Theme.textMuted
                                    text: qsTr("手指面积 %1 · 对比度 %2 · 纹线方向一致 %3 · 纹线间距 %4 像素 · 有纹线的区域 %5 · 纹线转向 %6")
                                        .arg(fpShown.q.area).arg(fpShown.q.contrast)
                                        .arg(fpShown.q.coherence).arg(fpShown.q.period)
                                        .arg(fpShown.q.ridges).arg(fpShown.q.spread)
                                }
                                Text {
                                    Layout.fillWidth: true
                                    wrapMode: Text.WordWrap
                                    font.pixelSize: Theme.fontSmall
                                    color: Theme.textMuted
                                    text: qsTr("图像只在本屏显示，不保存；一分钟后自动清除")
                                }
                            }
                        }
                        Flow {
                            // Paper from the printers, through the kiosk's own print queue.
                            visible: modelData.name === "printer"
                            Layout.fillWidth: true
                            spacing: Theme.px(8)
                            Repeater {
                                model: [
                                    {"what": "test_page", "text": qsTr("打印测试页")},
                                    {"what": "sample_receipt", "text": qsTr("打印测试小票")},
                                ].concat(maintenance.officePrinter
                                    ? [{"what": "office_page", "text": qsTr("A4 打印机测试页")}] : [])
                                BigButton {
                                    required property var modelData
                                    objectName: "maintenancePrint_" + modelData.what
                                    width: Theme.sx(300)
                                    fontSize: Theme.fontSmall
                                    enabled: maintenance.busy === ""
                                    text: modelData.text
                                    onClicked: maintenance.printTest(modelData.what)
                                }
                            }
                        }
                        RowLayout {
                            // The sensor's link speed, set once and kept (never by the kiosk).
                            visible: modelData.name === "fingerprint"
                            spacing: Theme.px(8)
                            Repeater {
                                model: [57600, 115200]
                                BigButton {
                                    required property int modelData
                                    objectName: "maintenanceFingerprintBaud_" + modelData
                                    Layout.preferredWidth: Theme.sx(260)
                                    fontSize: Theme.fontSmall
                                    enabled: maintenance.busy === ""
                                    text: qsTr("速率设为 %1").arg(modelData)
                                    onClicked: maintenance.setFingerprintBaud(modelData)
                                }
                            }
                        }
                    }
                    BigButton {
                        objectName: "maintenanceTest_" + modelData.name
                        Layout.preferredWidth: Theme.sx(280)
                        fontSize: Theme.fontBody
                        primary: true
                        enabled: maintenance.busy === ""
                        text: qsTr("开始测试")
                        onClicked: maintenance.test(modelData.name)
                    }
                }
            }
        }
    }

    CameraCalibration {
        id: calibration
        words: function(code) { return root.checkWords(code, code) }
        property bool open: false
        anchors.fill: parent
        visible: open && maintenance.step === "menu"
        onDone: open = false
        Connections {
            target: maintenance
            function onChanged() { if (maintenance.step !== "menu") calibration.open = false }
        }
    }
}
