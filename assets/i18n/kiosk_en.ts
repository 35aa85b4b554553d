<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AppointmentScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="21"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="110"/>
        <source>余 %1</source>
        <translation>%1 free</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="124"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="76"/>
        <source>暂时连不上预约系统，请稍后再试。</source>
        <translation>The booking system cannot be reached just now. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="75"/>
        <source>正在查询可预约的时段……</source>
        <translation>Looking up the times you can book…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="61"/>
        <source>请在 %1 %2 到 %3 办理，带上身份证。预约单正在打印。</source>
        <translation>Please come on %1 at %2 to %3 and bring your ID card. The booking slip is printing.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="74"/>
        <source>这个时段刚刚约满了，请换一个时段。</source>
        <translation>That time has just filled up. Please choose another.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="25"/>
        <source>预约到窗口办理：%1</source>
        <translation>Book a visit to the window: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="46"/>
        <source>预约成功</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AppointmentScreen.qml" line="53"/>
        <source>预约码 %1</source>
        <translation>Booking code %1</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="104"/>
        <source>个人办事</source>
        <translation>For individuals</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="114"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="105"/>
        <source>出生、上学、就业、婚育、置业、救助、就医、退休、养老、身后</source>
        <translation>Birth, school, work, family, housing, assistance, medical care, retirement, old age, after a death</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="76"/>
        <source>办一件事，只跑一次：一张卡，一张表，一次办好</source>
        <translation>One life event, one visit: one card, one form, one result</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="125"/>
        <source>办理进度、结果打印</source>
        <translation>Follow an application, print results</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="141"/>
        <source>工作人员登录</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="115"/>
        <source>开办、场地、招聘、经营、权益、注销</source>
        <translation>Start-up, premises, hiring, operations, rights, closure</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="88"/>
        <source>或者按人生大事选择要办的事</source>
        <translation>Or choose what you need by life event</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="124"/>
        <source>查询打印</source>
        <translation>Progress &amp; printing</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/AttractScreen.qml" line="66"/>
        <source>请刷身份证或社保卡</source>
        <translation>Please tap your ID card or social security card</translation>
    </message>
</context>
<context>
    <name>BrowseScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="171"/>
        <source>%1 个事项一次办 · %2 个工作日内办结</source>
        <translation>%1 matters in one application · done within %2 working days</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="24"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="34"/>
        <source>个人办事</source>
        <translation>For individuals</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="44"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/BrowseScreen.qml" line="51"/>
        <source>请选择您要办的事</source>
        <translation>Choose what you need to do</translation>
    </message>
</context>
<context>
    <name>CameraCalibration</name>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="41"/>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="42"/>
        <source>模拟画面（文件）</source>
        <translation>Simulated picture (file)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="43"/>
        <source>已配置，但没有找到</source>
        <translation>Configured, but not found</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="48"/>
        <source>支持 MJPG</source>
        <translation>MJPG supported</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="49"/>
        <source>不支持 MJPG</source>
        <translation>no MJPG</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="121"/>
        <source>开</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="121"/>
        <source>关</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="167"/>
        <source>设备维护中 · 摄像头校准</source>
        <translation>Maintenance · Camera calibration</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="174"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="187"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="188"/>
        <source>每次改动立即保存，下一次拍照就用新的设置；上一份设置自动留作备份。</source>
        <translation>Each change is saved at once and used for the next photo; the previous settings are kept as a backup.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="226"/>
        <source>人像摄像头（拍证件照）</source>
        <translation>Face camera (ID photos)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="227"/>
        <source>高拍仪（拍材料、扫二维码）</source>
        <translation>Document camera (papers, QR codes)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="238"/>
        <source>正在查找摄像头…</source>
        <translation>Looking for cameras…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="239"/>
        <source>选择设备（点一下即保存并预览）：</source>
        <translation>Choose the device (one tap saves it and shows its picture):</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="240"/>
        <source>没有找到摄像头（V4L2 设备）。现在用的是：</source>
        <translation>No camera found (no V4L2 device). In use now:</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="310"/>
        <source>没有画面：%1</source>
        <translation>No picture: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="269"/>
        <source>高拍仪未使用：这是人像摄像头的画面</source>
        <translation>Document camera not in use: this is the face camera&apos;s picture</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="83"/>
        <source>摄像头正在打开，请稍候</source>
        <translation>The camera is starting, please wait</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="84"/>
        <source>请站到摄像头前，看着屏幕</source>
        <translation>Stand in front of the camera and look at the screen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="85"/>
        <source>请只留一个人在镜头前</source>
        <translation>Only one person in front of the camera, please</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="86"/>
        <source>光线太暗</source>
        <translation>Too dark</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="87"/>
        <source>光线太亮</source>
        <translation>Too bright</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="88"/>
        <source>请正对镜头，把头摆正</source>
        <translation>Face the camera and hold your head straight</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="89"/>
        <source>请靠近一点</source>
        <translation>Come a little closer</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="90"/>
        <source>请往后退一点</source>
        <translation>Step back a little</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="91"/>
        <source>请向左移一点</source>
        <translation>Move a little to the left</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="92"/>
        <source>请向右移一点</source>
        <translation>Move a little to the right</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="93"/>
        <source>很好，请保持不动</source>
        <translation>Good, hold still</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="94"/>
        <source>请眨一下眼睛</source>
        <translation>Please blink once</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="95"/>
        <source>画面里没有找到纸张：放好一页纸，再点“拍测试材料页”</source>
        <translation>No paper found in the picture: lay a page in view, then tap “Take a test page” again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="96"/>
        <source>纸张太小，请放近一点</source>
        <translation>The page is too small: bring it closer</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="97"/>
        <source>拍得不清楚</source>
        <translation>Not sharp</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="99"/>
        <source>正在拍…</source>
        <translation>Taking…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="103"/>
        <source>照片不够清晰</source>
        <translation>The photo is not sharp enough</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="104"/>
        <source>照片太暗</source>
        <translation>The photo is too dark</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="105"/>
        <source>照片太亮</source>
        <translation>The photo is too bright</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="106"/>
        <source>背景不够白</source>
        <translation>the background is not white enough</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="107"/>
        <source>人离镜头太远</source>
        <translation>the person is too far from the camera</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="108"/>
        <source>眼睛闭着</source>
        <translation>the eyes are closed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="109"/>
        <source>头是歪的</source>
        <translation>the head is tilted</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="110"/>
        <source>没有正对镜头</source>
        <translation>not facing the camera</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="111"/>
        <source>脸部逆光</source>
        <translation>the face is backlit</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="112"/>
        <source>照片里不止一个人</source>
        <translation>more than one person in the photo</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="113"/>
        <source>眼睛位置太低</source>
        <translation>the eyes are too low</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="114"/>
        <source>头部没有拍全</source>
        <translation>the head is cut off</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="282"/>
        <source>拍测试证件照</source>
        <translation>Take a test ID photo</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="282"/>
        <source>拍测试材料页</source>
        <translation>Take a test page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="318"/>
        <source>预览（高拍仪未使用：显示人像摄像头）</source>
        <translation>Preview (document camera not in use: shows the face camera)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="319"/>
        <source>预览画面</source>
        <translation>Show the picture</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="325"/>
        <source>使用</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="326"/>
        <source>使用高拍仪</source>
        <translation>Document camera in use</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="326"/>
        <source>不用，由人像摄像头拍材料</source>
        <translation>Not used: the face camera takes the papers</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="329"/>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="347"/>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="356"/>
        <source>切换</source>
        <translation>Switch</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="334"/>
        <source>旋转</source>
        <translation>Rotation</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="338"/>
        <source>转 90°</source>
        <translation>Turn 90°</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="343"/>
        <source>镜像</source>
        <translation>Mirror</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="352"/>
        <source>MJPG 压缩</source>
        <translation>MJPG</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="361"/>
        <source>曝光</source>
        <translation>Exposure</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="362"/>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="364"/>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="379"/>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="381"/>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="395"/>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="397"/>
        <source>自动</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="378"/>
        <source>对焦</source>
        <translation>Focus</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="394"/>
        <source>白平衡</source>
        <translation>White balance</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="410"/>
        <source>裁剪</source>
        <translation>Crop</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="412"/>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="415"/>
        <source>全画面</source>
        <translation>Whole picture</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="413"/>
        <source>中间 %1%</source>
        <translation>Middle %1%</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="420"/>
        <source>收小</source>
        <translation>Narrow</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="471"/>
        <source>测试证件照</source>
        <translation>Test ID photo</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="471"/>
        <source>测试材料页</source>
        <translation>Test page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="485"/>
        <source>符合证件照要求</source>
        <translation>Meets the ID photo rules</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="486"/>
        <source>不合格：%1</source>
        <translation>Not acceptable: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="487"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="488"/>
        <source>页面清楚</source>
        <translation>The page is sharp</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="488"/>
        <source>页面不清楚：请调焦、补光或放稳</source>
        <translation>The page is not sharp: adjust the focus, add light or hold it still</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="494"/>
        <source>脸宽 %1 像素（要求 %2–%3）</source>
        <translation>Face width %1 px (rule: %2–%3)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="496"/>
        <source>头顶距上边 %1 像素（要求 %2–%3）</source>
        <translation>Top of the head %1 px below the top edge (rule: %2–%3)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="498"/>
        <source>双眼距下边 %1 像素（要求至少 %2）</source>
        <translation>Eyes %1 px above the bottom edge (rule: at least %2)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="522"/>
        <source>%1×%2 像素 · 清晰度 %3</source>
        <translation>%1×%2 px · sharpness %3</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="524"/>
        <source>没有找到面部特征点：按人脸框裁剪，没有脸宽、头顶、眼睛的测量</source>
        <translation>No facial landmarks found: cropped from the face box, so there are no face width, head top or eye measures</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="528"/>
        <source>拉正后 %1×%2 像素 · 纸张约 %3×%4 毫米 · %5 dpi · 清晰度 %6</source>
        <translation>Straightened %1×%2 px · paper about %3×%4 mm · %5 dpi · sharpness %6</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="537"/>
        <source>只在本屏显示，不保存；点“完成”即清除</source>
        <translation>Shown on this screen only, never saved; cleared when you tap “Done”</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="546"/>
        <source>再拍一次</source>
        <translation>Take again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraCalibration.qml" line="554"/>
        <source>返回校准</source>
        <translation>Back to calibration</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraPreview.qml" line="168"/>
        <source>摄像头暂不可用，请联系工作人员。</source>
        <translation>The camera is not available. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CameraPreview.qml" line="167"/>
        <source>正在打开摄像头，请稍候……</source>
        <translation>Opening the camera, one moment…</translation>
    </message>
</context>
<context>
    <name>CardProblemScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="89"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="34"/>
        <source>无法读取这张卡</source>
        <translation>This card cannot be read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="28"/>
        <source>证件号码无法核对</source>
        <translation>The ID number on this card does not check out</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="25"/>
        <source>这是银行卡，不是社保卡</source>
        <translation>This is a bank card, not a social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="26"/>
        <source>本机读不了这种证件</source>
        <translation>This kiosk cannot read this kind of card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="27"/>
        <source>这不是社保卡</source>
        <translation>This is not a social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="30"/>
        <source>证件尚未生效</source>
        <translation>This card is not valid yet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="29"/>
        <source>证件已过期</source>
        <translation>This card has expired</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="49"/>
        <source>这张证件从 %1 起才生效。请使用有效证件，或到窗口办理。</source>
        <translation>This card is valid only from %1. Please use a valid card, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="47"/>
        <source>这张证件的有效期到 %1 为止。请使用有效证件，或到窗口办理。</source>
        <translation>This card was valid until %1. Please use a valid card, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="31"/>
        <source>证件还没读完就拿开了</source>
        <translation>The card was taken away before it was read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="32"/>
        <source>读卡器出了故障</source>
        <translation>The card reader is not working</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="33"/>
        <source>卡里的信息读不出来</source>
        <translation>The information on this card cannot be read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="34"/>
        <source>没能读出这张证件</source>
        <translation>The card could not be read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="42"/>
        <source>本机能读居民身份证、港澳台居民居住证和外国人永久居留身份证。请换一张证件，或到窗口办理。</source>
        <translation>This kiosk reads resident ID cards, residence permits for Hong Kong, Macao and Taiwan residents, and foreigners&apos; permanent residence cards. Please use another card, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="43"/>
        <source>本机读不了这张卡。请插入社会保障卡，或把身份证放在读卡区。</source>
        <translation>This kiosk cannot read this card. Please insert your social security card, or place your ID card on the reader.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="45"/>
        <source>卡上的证件号码核对不通过，本机不能用这张卡办理。请带上这张卡到窗口办理。</source>
        <translation>The ID number on this card does not pass its check, so this kiosk cannot use it. Please take the card to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="51"/>
        <source>请把证件放回读卡区，读好之前不要移动或拿开。</source>
        <translation>Please put the card back on the reader, and do not move or lift it until it has been read.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="52"/>
        <source>请把卡重新插好，读好之前不要拔出来。</source>
        <translation>Please insert the card again, and leave it in until it has been read.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="54"/>
        <source>这不是您的证件的问题。请联系工作人员，或到窗口办理。</source>
        <translation>Nothing is wrong with your card. Please ask a member of staff, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="56"/>
        <source>卡里存的信息不完整，本机不能用这张卡办理。请带上这张卡到窗口办理。</source>
        <translation>The information stored on this card is incomplete, so this kiosk cannot use it. Please take the card to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="58"/>
        <source>请把证件平放在读卡区中间，不要移动，再试一次。如果还是不行，请联系工作人员。</source>
        <translation>Please lay the card flat in the middle of the reader, keep it still, and try again. If it still does not work, please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="59"/>
        <source>请取出卡，把芯片擦干净，芯片朝上插到底，再试一次。如果还是不行，请联系工作人员。</source>
        <translation>Please take the card out, wipe its chip clean, insert it all the way with the chip facing up, and try again. If it still does not work, please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="96"/>
        <source>重新刷卡</source>
        <translation>Try the card again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="96"/>
        <source>换一张证件</source>
        <translation>Use another card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/CardProblemScreen.qml" line="103"/>
        <source>请工作人员帮忙</source>
        <translation>Ask staff for help</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="163"/>
        <source>不是我</source>
        <translation>Not me</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="91"/>
        <source>不用，换回标准模式</source>
        <translation>No thanks, standard mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="98"/>
        <source>为保护您的信息，号码和姓名只显示一部分。</source>
        <translation>To protect your information, only part of your name and number is shown.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="132"/>
        <source>代办人：%1（%2）</source>
        <translation>Applying for them: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="146"/>
        <source>兄弟姐妹</source>
        <translation>Brother or sister</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="147"/>
        <source>其他受托人</source>
        <translation>Other authorised person</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="64"/>
        <source>外国人永久居留身份证</source>
        <translation>Foreigner&apos;s permanent residence card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="38"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="143"/>
        <source>子女</source>
        <translation>Son or daughter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="145"/>
        <source>孙子女</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="114"/>
        <source>家属代办：替这位老人办理</source>
        <translation>A family member applies for this older person</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="65"/>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="83"/>
        <source>已为您换成大字的长辈模式</source>
        <translation>We have switched to large-print mode for you</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="172"/>
        <source>是我，继续</source>
        <translation>That&apos;s me, continue</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="63"/>
        <source>港澳台居民居住证</source>
        <translation>Residence permit (Hong Kong, Macao, Taiwan)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="62"/>
        <source>社会保障卡</source>
        <translation>Social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="58"/>
        <source>证件</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="46"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="122"/>
        <source>请代办人把自己的身份证放到读卡区</source>
        <translation>The family member: please place your own ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="18"/>
        <source>请核对您的身份</source>
        <translation>Please check that this is you</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ConfirmScreen.qml" line="144"/>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
</context>
<context>
    <name>DatePicker</name>
    <message>
        <location filename="../../ui/qml/Kiosk/DatePicker.qml" line="55"/>
        <source>%1年</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DatePicker.qml" line="80"/>
        <source>%1日</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DatePicker.qml" line="102"/>
        <source>✓ 日期已选好</source>
        <translation>✓ Date set</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DatePicker.qml" line="102"/>
        <source>就选这一天</source>
        <translation>Use this date</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DatePicker.qml" line="72"/>
        <source>%1月</source>
        <translation>%1</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="90"/>
        <source>取出卡片</source>
        <translation>Take the card out</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="106"/>
        <source>打印机恢复</source>
        <translation>Printer: online</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="105"/>
        <source>打印机断开</source>
        <translation>Printer: offline</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="103"/>
        <source>打印机缺纸</source>
        <translation>Printer: paper out</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="62"/>
        <source>抬起手指</source>
        <translation>Lift finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="62"/>
        <source>按下手指</source>
        <translation>Press finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="30"/>
        <source>演示 ▸</source>
        <translation>Demo ▸</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="30"/>
        <source>演示：样例居民（示例数据）</source>
        <translation>Demo: sample residents (sample data)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="48"/>
        <source>社保卡</source>
        <translation>social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="104"/>
        <source>装上打印纸</source>
        <translation>Load paper</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="48"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="110"/>
        <source>镜头：两个人</source>
        <translation>Camera: two people</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="107"/>
        <source>镜头：人像</source>
        <translation>Camera: portrait</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="109"/>
        <source>镜头：材料页</source>
        <translation>Camera: a page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="108"/>
        <source>镜头：营业执照码</source>
        <translation>Camera: licence QR</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DemoPanel.qml" line="49"/>
        <source>（已过期）</source>
        <translation> (expired)</translation>
    </message>
</context>
<context>
    <name>DocumentScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="38"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="72"/>
        <source>一页一页地拍。每页拍好后会显示在下方。</source>
        <translation>Take the pages one by one. Each page appears below once taken.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="146"/>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="23"/>
        <source>可以拍了，请按“拍下这一页”</source>
        <translation>Ready: press “Take this page”</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="90"/>
        <source>完成，共%1页</source>
        <translation>Done, %1 pages</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="83"/>
        <source>拍下这一页</source>
        <translation>Take this page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="22"/>
        <source>拍得不清楚，请重拍这一页</source>
        <translation>Not sharp enough: please take this page again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="43"/>
        <source>拍摄材料：%1</source>
        <translation>Photograph the material: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="132"/>
        <source>第%1页</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="21"/>
        <source>请保持不动</source>
        <translation>Hold still</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="19"/>
        <source>请把材料平放在拍摄区内</source>
        <translation>Lay the page flat in the marked area</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="20"/>
        <source>请把材料放近一些，让它占满画面</source>
        <translation>Bring the page closer so that it fills the picture</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="140"/>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="83"/>
        <source>重拍第%1页</source>
        <translation>Retake page %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentScreen.qml" line="133"/>
        <source>（不清楚）</source>
        <translation>(not sharp)</translation>
    </message>
</context>
<context>
    <name>DocumentsStepScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentsStepScreen.qml" line="43"/>
        <source>没带，到窗口交</source>
        <translation>Not brought: hand in later</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/DocumentsStepScreen.qml" line="36"/>
        <source>第 %1 份，共 %2 份材料。没带这份材料？可以稍后到窗口交。</source>
        <translation>Material %1 of %2. Not brought this one? You can hand it in at a window later.</translation>
    </message>
</context>
<context>
    <name>EnterpriseScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/EnterpriseScreen.qml" line="61"/>
        <source>下一步 ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/EnterpriseScreen.qml" line="43"/>
        <source>代码不对，请核对后重新输入（最后一位是校验码）。</source>
        <translation>That code is not right. Please check it and type it again (the last character is a check character).</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/EnterpriseScreen.qml" line="17"/>
        <source>企业信息</source>
        <translation>The enterprise</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/EnterpriseScreen.qml" line="34"/>
        <source>例如 91330106MA2XXXXXXX</source>
        <translation>e.g. 91330106MA2XXXXXXX</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/EnterpriseScreen.qml" line="53"/>
        <source>扫描电子营业执照</source>
        <translation>Scan the e-business licence</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/EnterpriseScreen.qml" line="21"/>
        <source>请输入企业的统一社会信用代码（18 位），或出示电子营业执照二维码。</source>
        <translation>Enter the enterprise&apos;s unified social credit code (18 characters), or show the QR code of its electronic business licence.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/EnterpriseScreen.qml" line="42"/>
        <source>这不是电子营业执照的二维码，请换一个，或直接输入代码。</source>
        <translation>That is not an electronic business licence&apos;s QR code. Try another, or type the code.</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="48"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="54"/>
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="15"/>
        <source>出了点问题。请再试一次，或联系工作人员。</source>
        <translation>Something went wrong. Please try again, or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="14"/>
        <source>暂时查不到部门里的信息。请再试一次，或自己填写。</source>
        <translation>The departments&apos; records cannot be reached just now. Please try again, or fill in the form yourself.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="41"/>
        <source>您已填写的内容都还在。</source>
        <translation>Everything you filled in is still here.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="25"/>
        <source>抱歉，没有成功</source>
        <translation>Sorry, that did not work</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="12"/>
        <source>暂时连不上政务服务网络。请稍后再试，或联系工作人员。</source>
        <translation>The government service network cannot be reached just now. Please try again later, or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="11"/>
        <source>申请没能保存。请再试一次；如果还不行，请联系工作人员。</source>
        <translation>The application could not be saved. Please try again; if it still fails, ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ErrorScreen.qml" line="13"/>
        <source>设备出了点问题。请再试一次，或联系工作人员。</source>
        <translation>A device has a problem. Please try again, or ask a member of staff.</translation>
    </message>
</context>
<context>
    <name>FingerprintScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="19"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="74"/>
        <source>同一根手指按两次。</source>
        <translation>Press the same finger twice.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="63"/>
        <source>指纹不清：请擦干手指，再采集一次。</source>
        <translation>Not clear: dry your finger and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="55"/>
        <source>指纹仪暂不可用，请联系工作人员。</source>
        <translation>The fingerprint reader is not available. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="62"/>
        <source>指纹太浅：请把手指放平，稍用力按，再采集一次。</source>
        <translation>Too faint: place your finger flat, press a little harder, and try again.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="61"/>
        <source>指纹已采集，清晰可用。</source>
        <translation>Fingerprint taken; it is clear.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="59"/>
        <source>正在读取，请稍候……</source>
        <translation>Reading, one moment…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="60"/>
        <source>没有采集成功，请再试一次。</source>
        <translation>That did not work. Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="92"/>
        <source>确认，继续</source>
        <translation>Confirm and continue</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="58"/>
        <source>请再按一次</source>
        <translation>Press once more</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="56"/>
        <source>请将手指平放在指纹仪上</source>
        <translation>Place your finger flat on the fingerprint reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="57"/>
        <source>请抬起手指</source>
        <translation>Lift your finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FingerprintScreen.qml" line="85"/>
        <source>重新采集</source>
        <translation>Take it again</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="426"/>
        <source>下一步 ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="281"/>
        <source>从证件读取</source>
        <translation>From your card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="144"/>
        <source>填写申请表</source>
        <translation>Fill in the form</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="188"/>
        <source>正在向各部门查询您的信息，请稍候……</source>
        <translation>Asking the departments for your details, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="190"/>
        <source>暂时查不到部门里的信息：请填写下面的空白项，工作人员会帮您核实。</source>
        <translation>The departments&apos; records cannot be reached just now. Please fill in the empty boxes below; staff will check them for you.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="192"/>
        <source>您的证件没有通过核验，部门不能提供您的信息：请填写下面的空白项，工作人员会帮您核实。</source>
        <translation>Your card could not be verified, so the departments cannot give your details. Please fill in the empty boxes below; staff will check them for you.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="194"/>
        <source>这张证件刚才查询太频繁，部门暂停提供信息：请填写下面的空白项，工作人员会帮您核实。</source>
        <translation>This card was looked up too often just now, so the departments have paused giving its details. Please fill in the empty boxes below; staff will check them for you.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="195"/>
        <source>绿色的项目已从证件读取或由部门提供，您只需填写空白项。</source>
        <translation>The green items come from your card or from the departments. You only need to fill in the empty boxes.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="274"/>
        <source>第 %1 问，共 %2 问</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="283"/>
        <source>由部门提供</source>
        <translation>From the departments</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="415"/>
        <source>第 %1 页，共 %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="15"/>
        <source>太长了，请写短一些</source>
        <translation>Too long: please shorten it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="284"/>
        <source>您已提供</source>
        <translation>Provided by you</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="20"/>
        <source>手机号是 11 位数字，请核对</source>
        <translation>A mobile number has 11 digits: please check it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="18"/>
        <source>日期不能晚于今天</source>
        <translation>The date cannot be after today</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="22"/>
        <source>统一社会信用代码不对，请核对</source>
        <translation>That credit code is not right: please check it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="16"/>
        <source>请只填数字</source>
        <translation>Numbers only, please</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="14"/>
        <source>请填写这一项</source>
        <translation>Please fill this in</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="19"/>
        <source>请选择一项</source>
        <translation>Please choose one</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="17"/>
        <source>请选择日期</source>
        <translation>Please choose a date</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/FormScreen.qml" line="21"/>
        <source>身份证号码不对，请核对最后一位</source>
        <translation>That ID number is not right: please check the last character</translation>
    </message>
</context>
<context>
    <name>HandwritingPad</name>
    <message>
        <location filename="../../ui/qml/Kiosk/HandwritingPad.qml" line="47"/>
        <source>在右边方框里写一个字，写完点上面出来的字</source>
        <translation>Write one character in the box on the right, then tap it above</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/HandwritingPad.qml" line="133"/>
        <source>重写</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/HandwritingPad.qml" line="140"/>
        <source>删除前一个字</source>
        <translation>Delete last character</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../ui/qml/Kiosk/HelpOverlay.qml" line="54"/>
        <source>好的</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/HelpOverlay.qml" line="19"/>
        <source>工作人员马上就到</source>
        <translation>Staff are on the way</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/HelpOverlay.qml" line="18"/>
        <source>工作人员马上就到（%1）</source>
        <translation>Staff are on the way (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/HelpOverlay.qml" line="15"/>
        <source>已通知工作人员，请在这里稍等</source>
        <translation>Staff have been told. Please wait here</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/HelpOverlay.qml" line="20"/>
        <source>本机暂时不能呼叫，请到服务台找工作人员</source>
        <translation>This kiosk cannot call staff just now. Please ask at the service desk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/HelpOverlay.qml" line="14"/>
        <source>正在呼叫工作人员……</source>
        <translation>Calling staff…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/HelpOverlay.qml" line="16"/>
        <source>网络暂时不通，恢复后会马上通知工作人员。您也可以到服务台找工作人员</source>
        <translation>The network is down for now; staff will be told as soon as it is back. You can also ask at the service desk</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="19"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="76"/>
        <source>可以使用</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="76"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="77"/>
        <source>暂不可用</source>
        <translation>not available</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="75"/>
        <source>社保卡读卡器</source>
        <translation>Social security card reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="46"/>
        <source>请把身份证放在读卡区，或把社保卡插入读卡器</source>
        <translation>Place your ID card on the reader, or insert your social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="99"/>
        <source>读卡器暂时无法使用。请联系工作人员，或到窗口办理。</source>
        <translation>The card readers are not working at the moment. Please ask the staff, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="55"/>
        <source>读卡时请不要移动证件</source>
        <translation>Please keep the card still while it is read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdentifyScreen.qml" line="74"/>
        <source>身份证读卡区</source>
        <translation>ID card reader</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/IdleOverlay.qml" line="49"/>
        <source>%n 秒后将返回首页，本次填写和读取的信息将全部清除。</source>
        <translation>
            <numerusform>In %n second the kiosk returns to the start and clears everything from this visit.</numerusform>
            <numerusform>In %n seconds the kiosk returns to the start and clears everything from this visit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdleOverlay.qml" line="31"/>
        <source>您还在吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/IdleOverlay.qml" line="57"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../../ui/qml/Kiosk/Keyboard.qml" line="43"/>
        <source>用拼音键盘</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Keyboard.qml" line="43"/>
        <source>用手写</source>
        <translation>Write by hand</translation>
    </message>
</context>
<context>
    <name>LeaveOverlay</name>
    <message>
        <location filename="../../ui/qml/Kiosk/LeaveOverlay.qml" line="33"/>
        <source>不办了吗？</source>
        <translation>Stop this application?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/LeaveOverlay.qml" line="56"/>
        <source>不办了，回首页</source>
        <translation>Stop and go back to the start</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/LeaveOverlay.qml" line="42"/>
        <source>回到首页，您刚才填写的内容会全部清除，要重新办理。</source>
        <translation>Going back to the start clears everything you have filled in; you would have to start again.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/LeaveOverlay.qml" line="50"/>
        <source>接着办</source>
        <translation>Carry on</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="10"/>
        <source>一件事自助服务终端</source>
        <translation>Life events self-service kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="26"/>
        <source>您的情况不在这件事的范围内，请看屏幕上的去处</source>
        <translation>Your situation is outside this service; the screen says where to go instead</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="33"/>
        <source>读卡器出了故障，这不是您的证件的问题。请联系工作人员</source>
        <translation>The card reader is not working; nothing is wrong with your card. Please ask a member of staff</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="34"/>
        <source>证件还没读完就拿开了。请放回去，读好之前不要拿开</source>
        <translation>The card was taken away before it was read. Please put it back and leave it until it has been read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="47"/>
        <source>抱歉，没有成功。请再试一次，或联系工作人员</source>
        <translation>Sorry, that did not work. Please try again, or ask a member of staff</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="44"/>
        <source>正在提交，请稍候</source>
        <translation>Submitting, please wait</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="45"/>
        <source>申请已受理，请取走受理回执</source>
        <translation>Your application is accepted. Please take your acceptance notice</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="46"/>
        <source>请为这次办理打分</source>
        <translation>How was it?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="24"/>
        <source>请刷身份证或社保卡</source>
        <translation>Please swipe your ID card or social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="37"/>
        <source>请取走您的证件</source>
        <translation>Please take your card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="39"/>
        <source>请填写申请表。绿色的项目不用填</source>
        <translation>Please fill in the form. The green items are already filled in</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="38"/>
        <source>请将手指平放在指纹仪上</source>
        <translation>Place your finger flat on the fingerprint reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="41"/>
        <source>请把材料平放在拍摄区内</source>
        <translation>Lay the page flat in the marked area</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="28"/>
        <source>请把身份证放在读卡区，或把社保卡插入读卡器</source>
        <translation>Put your ID card on the reader, or your social security card into the slot</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="43"/>
        <source>请核对信息，然后按“确认提交”</source>
        <translation>Please check everything, then press “Submit”</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="29"/>
        <source>请核对您的身份。是您本人，请按“是我，继续”</source>
        <translation>Please check it is you, then press “That&apos;s me, continue”</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="42"/>
        <source>请用手指在框内签名</source>
        <translation>Please sign in the box with your finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="40"/>
        <source>请看着摄像头，不要动，会自动拍照</source>
        <translation>Look at the camera and keep still: the photo takes itself</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="50"/>
        <source>请输入企业的统一社会信用代码，或出示电子营业执照二维码</source>
        <translation>Please enter the enterprise&apos;s unified social credit code, or show the e-business licence QR code</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="49"/>
        <source>请选择办理窗口和时间</source>
        <translation>Please choose a service window and a time</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="25"/>
        <source>请选择您要办的事</source>
        <translation>Choose what you need to do</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="35"/>
        <source>这张卡不能用，请看屏幕上的说明</source>
        <translation>This card cannot be used; please see the screen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="27"/>
        <source>这是办这件事要准备的材料。按“读一读”，可以听全部内容</source>
        <translation>This is what you need for this service. Press &quot;Read aloud&quot; to hear all of it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="48"/>
        <source>这是您办理的事项和进度</source>
        <translation>These are your applications and their progress</translation>
    </message>
</context>
<context>
    <name>MaintenancePanel</name>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="16"/>
        <source>凭条打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="226"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="273"/>
        <source>导出诊断包</source>
        <translation>Export diagnostics</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="295"/>
        <source>%n 项故障：%1</source>
        <translation>
            <numerusform>%n fault: %1</numerusform>
            <numerusform>%n faults: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="296"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="297"/>
        <source>已测试的设备都没有故障</source>
        <translation>No fault in the devices tested</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="298"/>
        <source>逐项点“开始测试”，有故障的一项会标红；身份证放到阅读器上，就能看到读卡结果</source>
        <translation>Tap “Start test” on each device; a faulty one turns red. Put an ID card on the reader to see it read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="316"/>
        <source>已上传到中心，编号 %1</source>
        <translation>Sent to the centre, number %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="318"/>
        <source>没有上传到中心：连不上中心。请把 U 盘上的诊断包带回</source>
        <translation>Not sent to the centre: it cannot be reached. Take the bundle on the USB stick back with you</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="320"/>
        <source>没有上传到中心：诊断包太大。请把 U 盘上的诊断包带回</source>
        <translation>Not sent to the centre: the bundle is too large. Take the bundle on the USB stick back with you</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="321"/>
        <source>没有上传到中心：中心拒收。请把 U 盘上的诊断包带回</source>
        <translation>Not sent to the centre: the centre refused it. Take the bundle on the USB stick back with you</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="366"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="423"/>
        <source>最后一次按压的图像：%1</source>
        <translation>Image of the last press: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="424"/>
        <source>清晰</source>
        <translation>clear</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="425"/>
        <source>太淡（手指放平、稍用力）</source>
        <translation>too faint (lay the finger flat, press a little harder)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="426"/>
        <source>不清晰（擦拭传感器和手指）</source>
        <translation>not clear (wipe the sensor and the finger)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="433"/>
        <source>手指面积 %1 · 对比度 %2 · 纹线方向一致 %3 · 纹线间距 %4 像素 · 有纹线的区域 %5 · 纹线转向 %6</source>
        <translation>Finger area %1 · contrast %2 · ridge coherence %3 · ridge spacing %4 px · ridge area %5 · ridge turn %6</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="443"/>
        <source>图像只在本屏显示，不保存；一分钟后自动清除</source>
        <translation>The image is shown on this screen only, never saved; cleared after a minute</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="454"/>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="455"/>
        <source>打印测试小票</source>
        <translation>Print test receipt</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="457"/>
        <source>A4 打印机测试页</source>
        <translation>A4 printer test page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="481"/>
        <source>速率设为 %1</source>
        <translation>Set to %1 baud</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="493"/>
        <source>开始测试</source>
        <translation>Start test</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="19"/>
        <source>指纹仪</source>
        <translation>Fingerprint sensor</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="20"/>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="21"/>
        <source>高拍仪</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="23"/>
        <source>中心下发的配置</source>
        <translation>Configuration from the centre</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="32"/>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="33"/>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="42"/>
        <source>检查时出错</source>
        <translation>The check itself went wrong</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="43"/>
        <source>本机未配置</source>
        <translation>Not configured on this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="44"/>
        <source>设备忙</source>
        <translation>The device is busy</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="45"/>
        <source>本机未配置凭条打印机</source>
        <translation>No receipt printer is configured on this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="46"/>
        <source>打印机正常</source>
        <translation>The printer is fine</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="47"/>
        <source>纸快用完了，请及时换纸</source>
        <translation>Paper is running low: change the roll soon</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="48"/>
        <source>打印机缺纸，请装纸</source>
        <translation>The printer is out of paper: load a roll</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="49"/>
        <source>打印机盖没有关好</source>
        <translation>The printer cover is open: close it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="50"/>
        <source>打印机没有应答，请检查电源和连线</source>
        <translation>The printer does not answer: check its power and cable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="51"/>
        <source>打印机故障（切刀或机芯）</source>
        <translation>Printer fault (cutter or mechanism)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="52"/>
        <source>测试页已打印</source>
        <translation>Test page printed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="53"/>
        <source>测试页没有打印</source>
        <translation>The test page was not printed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="54"/>
        <source>测试小票已打印</source>
        <translation>Test receipt printed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="55"/>
        <source>测试小票没有打印</source>
        <translation>Test receipt not printed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="56"/>
        <source>A4 测试页已送到 A4 打印机</source>
        <translation>A4 test page sent to the A4 printer</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="57"/>
        <source>A4 测试页没有打印</source>
        <translation>A4 test page not printed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="58"/>
        <source>还没有打印：打印机缺纸或出错；装好纸后会自动打出这一张</source>
        <translation>Not printed yet: the printer is out of paper or has a fault; this page prints by itself once paper is loaded</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="59"/>
        <source>本机未配置社保卡读卡器</source>
        <translation>No social security card reader is configured on this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="60"/>
        <source>读卡服务(pcscd)没有运行</source>
        <translation>The card service (pcscd) is not running</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="61"/>
        <source>没有找到读卡器，请检查连线</source>
        <translation>No card reader found: check the cable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="62"/>
        <source>配置的读卡器没有找到</source>
        <translation>A configured card reader is missing</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="63"/>
        <source>读卡器正常</source>
        <translation>The card readers are fine</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="64"/>
        <source>读卡正常，已读到卡（信息已遮挡）</source>
        <translation>Card read correctly (its details are masked)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="65"/>
        <source>读卡器正常，但没有放卡：请放一张卡再测试</source>
        <translation>The reader is fine, but no card came: put a card in and test again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="66"/>
        <source>读卡器正常，这张卡读不出：请换一张卡再试</source>
        <translation>The reader is fine, but this card cannot be read: try another card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="67"/>
        <source>本机未配置身份证阅读器</source>
        <translation>No ID card reader is configured on this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="68"/>
        <source>身份证阅读器正常</source>
        <translation>The ID card reader is fine</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="69"/>
        <source>身份证阅读器没有应答</source>
        <translation>The ID card reader does not answer</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="70"/>
        <source>身份证阅读器读卡正常，已读到证件（信息已遮挡）</source>
        <translation>The ID card reader read the card correctly (its details are masked)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="71"/>
        <source>本机未配置指纹仪</source>
        <translation>No fingerprint sensor is configured on this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="72"/>
        <source>指纹仪正常</source>
        <translation>The fingerprint sensor is fine</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="73"/>
        <source>指纹仪没有应答，请检查连线</source>
        <translation>The fingerprint sensor does not answer: check the cable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="74"/>
        <source>没有按手指</source>
        <translation>No finger was placed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="75"/>
        <source>指纹清晰</source>
        <translation>The fingerprint is clear</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="76"/>
        <source>指纹太淡：请把手指放平、稍用力</source>
        <translation>The fingerprint is faint: lay the finger flat and press a little harder</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="77"/>
        <source>指纹不清晰：请擦拭传感器和手指再试</source>
        <translation>The fingerprint is smudged: wipe the sensor and the finger and try again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="78"/>
        <source>指纹仪正常：录入并比对成功</source>
        <translation>Fingerprint sensor works: enrolled and matched</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="79"/>
        <source>比对没有通过，请擦拭传感器再试</source>
        <translation>The match failed: wipe the sensor and try again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="80"/>
        <source>几次按的不像同一个手指，请再试</source>
        <translation>The presses do not look like the same finger: try again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="81"/>
        <source>这个速率指纹仪不支持</source>
        <translation>The sensor does not take this speed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="82"/>
        <source>本机未配置摄像头</source>
        <translation>No camera is configured on this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="83"/>
        <source>摄像头打不开，请检查连线</source>
        <translation>The camera cannot be opened: check the cable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="84"/>
        <source>摄像头没有画面</source>
        <translation>The camera gives no picture</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="85"/>
        <source>画面太暗，请检查镜头和照明</source>
        <translation>The picture is too dark: check the lens and the lighting</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="86"/>
        <source>摄像头正常</source>
        <translation>The camera is fine</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="87"/>
        <source>本机没有另配高拍仪，材料由摄像头拍</source>
        <translation>No separate document camera: documents are photographed by the camera</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="88"/>
        <source>高拍仪打不开，请检查连线</source>
        <translation>The document camera cannot be opened: check its cable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="89"/>
        <source>高拍仪没有画面</source>
        <translation>The document camera gives no picture</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="90"/>
        <source>高拍仪画面太暗，请检查镜头和照明</source>
        <translation>The document camera&apos;s picture is too dark: check the lens and lighting</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="91"/>
        <source>高拍仪正常</source>
        <translation>The document camera is fine</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="92"/>
        <source>校准没有保存：设置不对</source>
        <translation>Calibration not saved: a setting is out of range</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="93"/>
        <source>校准没有保存：存储出错，请检查磁盘</source>
        <translation>Calibration not saved: a storage error, please check the disk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="94"/>
        <source>请稍候：正在测试，完成后再校准</source>
        <translation>Please wait: a test is running; calibrate when it has finished</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="95"/>
        <source>本机还没有登记到中心</source>
        <translation>This kiosk is not enrolled with the centre yet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="96"/>
        <source>连不上中心，请检查网络</source>
        <translation>Cannot reach the centre: check the network</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="97"/>
        <source>中心有应答，但出错了，请联系中心</source>
        <translation>The centre answers, but with an error: contact the centre</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="98"/>
        <source>中心连接正常</source>
        <translation>The connection to the centre is fine</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="99"/>
        <source>中心不认本机的登记凭证，请重新登记</source>
        <translation>The hub does not accept this kiosk&apos;s enrolment: enrol it again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="100"/>
        <source>中心的证书已过期</source>
        <translation>The hub&apos;s certificate has expired</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="101"/>
        <source>中心的证书还没有生效，请检查本机时钟</source>
        <translation>The hub&apos;s certificate is not valid yet: check this kiosk&apos;s clock</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="102"/>
        <source>中心的证书不受信任（不是本机配置的证书机构签发的）</source>
        <translation>The hub&apos;s certificate is not trusted (not issued by the CA this kiosk is configured with)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="103"/>
        <source>中心的证书与中心地址不符</source>
        <translation>The hub&apos;s certificate does not match the hub&apos;s address</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="104"/>
        <source>中心的证书已被吊销</source>
        <translation>The hub&apos;s certificate has been revoked</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="105"/>
        <source>与中心的加密连接没有建立</source>
        <translation>The encrypted connection to the hub could not be set up</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="106"/>
        <source>中心的证书快到期了，请联系中心更换</source>
        <translation>The hub&apos;s certificate expires soon: ask the centre to replace it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="107"/>
        <source>本机时钟与中心相差超过一分钟，请校准时间</source>
        <translation>This kiosk&apos;s clock is more than a minute off the hub&apos;s: set the time</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="108"/>
        <source>本机时钟与中心相差太大，加密连接和配置校验会出错，请校准时间</source>
        <translation>This kiosk&apos;s clock is far off the hub&apos;s; encrypted connections and configuration checks will fail: set the time</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="109"/>
        <source>有申请被中心拒收，留在本机等人工处理</source>
        <translation>The hub refused some applications; they are kept on this kiosk for staff to handle</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="110"/>
        <source>有申请很久没有送到中心</source>
        <translation>Some applications have not reached the hub for a long time</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="111"/>
        <source>本机很久没有与中心同步</source>
        <translation>This kiosk has not synchronised with the hub for a long time</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="112"/>
        <source>本机不接收中心下发的配置</source>
        <translation>This kiosk takes no configuration from the centre</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="113"/>
        <source>中心配置的信任根文件读不出来</source>
        <translation>The fleet root of trust file cannot be read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="114"/>
        <source>中心下发的配置有效</source>
        <translation>The centre&apos;s configuration is valid</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="115"/>
        <source>中心下发的配置已过期，未能与中心确认（本机照常服务）</source>
        <translation>The centre&apos;s configuration has expired and could not be confirmed (the kiosk serves as usual)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="116"/>
        <source>中心下发的配置很久没有与中心确认（本机照常服务）</source>
        <translation>The centre&apos;s configuration has not been confirmed for a long time (the kiosk serves as usual)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="117"/>
        <source>中心下发的新配置没有用上，仍按原配置运行</source>
        <translation>The centre&apos;s new configuration was not used; the kiosk runs on the one before</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="118"/>
        <source>语音提示正常</source>
        <translation>Voice prompts are fine</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="119"/>
        <source>语音提示不可用</source>
        <translation>Voice prompts are not available</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="120"/>
        <source>语音提示正常：中文、英文各说了一句</source>
        <translation>Voice prompts are fine: a sentence was said in Chinese and in English</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="121"/>
        <source>测试语音没有说出来，请检查音箱和音量</source>
        <translation>The test sentence was not said: check the loudspeaker and the volume</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="128"/>
        <source>正在读取指纹</source>
        <translation>Reading the fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="129"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="130"/>
        <source>请把手指平放在指纹仪上</source>
        <translation>Put a finger flat on the sensor</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="131"/>
        <source>请抬起手指</source>
        <translation>Lift the finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="132"/>
        <source>请再按一次同一个手指</source>
        <translation>Press the same finger again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="133"/>
        <source>请第三次按同一个手指</source>
        <translation>Press the same finger a third time</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="139"/>
        <source>维护码不对，还可以试 %1 次</source>
        <translation>Wrong maintenance code: %1 tries left</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="140"/>
        <source>错误次数太多，请 %1 分钟后再试</source>
        <translation>Too many wrong codes: try again in %1 minutes</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="141"/>
        <source>错误次数太多，中心已暂停登录，请稍后再试</source>
        <translation>Too many wrong codes: the centre has paused sign-in, try again later</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="142"/>
        <source>密码不对，还可以试 %1 次</source>
        <translation>Wrong PIN: %1 tries left</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="143"/>
        <source>密码错误次数太多，这张卡暂时不能登录</source>
        <translation>Too many wrong PINs: this card cannot sign in for a while</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="144"/>
        <source>这张卡不是技术人员的卡</source>
        <translation>This is not a technician&apos;s card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="145"/>
        <source>连不上中心，不能刷卡登录：请用当日离线码</source>
        <translation>Cannot reach the centre, so a card cannot sign in: use today&apos;s offline code</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="147"/>
        <source>登录时出错，请再试</source>
        <translation>Sign-in went wrong: try again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="151"/>
        <source>请把卡放到读卡器上（20 秒内）…</source>
        <translation>Put a card on the reader (within 20 seconds)…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="180"/>
        <source>已读到技术人员卡：请输入密码</source>
        <translation>Technician card read: enter your PIN</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="181"/>
        <source>技术人员维护</source>
        <translation>Technician maintenance</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="189"/>
        <source>密码由中心登记；输错 5 次，这张卡会被锁 15 分钟</source>
        <translation>Your PIN is registered at the centre; 5 wrong PINs lock this card for 15 minutes</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="190"/>
        <source>请输入中心发的一次性维护码，或刷技术人员卡；连不上中心时，用当日离线码</source>
        <translation>Enter the one-time maintenance code from the centre, or use your technician card; when the centre cannot be reached, today&apos;s offline code</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="257"/>
        <source>全部测试</source>
        <translation>Test all</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="265"/>
        <source>摄像头校准</source>
        <translation>Camera calibration</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="273"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="151"/>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="257"/>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="364"/>
        <source>正在测试…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="30"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="31"/>
        <source>注意</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="17"/>
        <source>社保卡读卡器</source>
        <translation>Social security card reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="22"/>
        <source>网络和中心</source>
        <translation>Network and hub</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="249"/>
        <source>设备维护中 · 设备测试</source>
        <translation>Under maintenance · Device tests</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="306"/>
        <source>诊断包已导出（不含居民个人信息）：%1</source>
        <translation>Diagnostics exported (no residents&apos; personal data): %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="24"/>
        <source>语音提示</source>
        <translation>Voice prompts</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="18"/>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="365"/>
        <source>还没有测试</source>
        <translation>Not tested yet</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/MaintenancePanel.qml" line="280"/>
        <source>退出维护</source>
        <translation>End maintenance</translation>
    </message>
</context>
<context>
    <name>MoreHint</name>
    <message>
        <location filename="../../ui/qml/Kiosk/MoreHint.qml" line="24"/>
        <source>向上滑动查看更多 ▼</source>
        <translation>Swipe up for more ▼</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="32"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="244"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="356"/>
        <source>%n 个工作日内办结</source>
        <translation>
            <numerusform>Done within %n working day</numerusform>
            <numerusform>Done within %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="104"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="36"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="373"/>
        <source>一次办理 %n 个事项，牵头单位：%1</source>
        <translation>
            <numerusform>%n matter in one application; lead unit: %1</numerusform>
            <numerusform>%n matters in one application; lead unit: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="133"/>
        <source>刷卡开始办理</source>
        <translation>Tap your card to start</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="18"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="187"/>
        <source>办什么</source>
        <translation>What it is</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="17"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="120"/>
        <source>您的情况：%1</source>
        <translation>Your situation: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="25"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="215"/>
        <source>部门已有，您不用带</source>
        <translation>The departments have it: nothing to bring</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="31"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="249"/>
        <source>办公地址和时间</source>
        <translation>Office address and hours</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="32"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="243"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="355"/>
        <source>办结时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="16"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="111"/>
        <source>办这件事要知道的：%1</source>
        <translation>Everything you need to know: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="26"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="220"/>
        <source>可用书面承诺代替</source>
        <translation>A written commitment may replace it</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="34"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="247"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="359"/>
        <source>办好后怎么拿</source>
        <translation>How to get the result</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="35"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="364"/>
        <source>%n 项材料部门已有，您不用带。</source>
        <translation>
            <numerusform>The departments have %n of the materials: you need not bring it.</numerusform>
            <numerusform>The departments have %n of the materials: you need not bring them.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="46"/>
        <source>告知单已打印，请从出纸口取走。</source>
        <translation>The notice has printed. Please take it from the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="30"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="248"/>
        <source>咨询途径</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="145"/>
        <source>已识别：%1</source>
        <translation>Identified: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="328"/>
        <source>带回家，对照准备材料</source>
        <translation>A checklist to take home</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="144"/>
        <source>开始填写申请</source>
        <translation>Start the application</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="327"/>
        <source>打印告知单</source>
        <translation>Print this notice</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="51"/>
        <source>打印机暂时不能用，请用手机扫码查看办事指南。</source>
        <translation>The printer cannot be used just now. Please scan the code with your phone to read the guide.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="48"/>
        <source>打印机盖没有关好，请联系工作人员。</source>
        <translation>The printer cover is open. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="47"/>
        <source>打印纸用完了，请联系工作人员；也可以用手机扫码查看办事指南。</source>
        <translation>The printer has run out of paper. Please ask a member of staff, or scan the code with your phone to read the guide.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="33"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="246"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="358"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="49"/>
        <source>本机不能打印，请用手机扫码查看办事指南。</source>
        <translation>This terminal cannot print. Please scan the code with your phone to read the guide.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="45"/>
        <source>正在打印告知单，请稍候……</source>
        <translation>Printing the notice, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="308"/>
        <source>用手机扫码，查看完整办事指南</source>
        <translation>Scan for the full guide</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="20"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="190"/>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="144"/>
        <source>继续填写申请</source>
        <translation>Continue the application</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="19"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="188"/>
        <source>谁可以办</source>
        <translation>Who it is for</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="27"/>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="225"/>
        <source>需提供原件</source>
        <translation>Original required</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/NoticeScreen.qml" line="318"/>
        <source>预约到窗口办理</source>
        <translation>Book a visit</translation>
    </message>
</context>
<context>
    <name>OutsideScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/OutsideScreen.qml" line="43"/>
        <source>‹ 重新回答</source>
        <translation>‹ Answer again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/OutsideScreen.qml" line="48"/>
        <source>回首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>PausedOverlay</name>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="29"/>
        <source>您的证件已取出</source>
        <translation>Your card was taken out</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="49"/>
        <source>结束办理</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="42"/>
        <source>请把证件放回去继续办理，或结束办理。</source>
        <translation>Put your card back to continue, or end.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="39"/>
        <source>请放回刚才那张证件继续办理，或结束办理。</source>
        <translation>Put the same card back to continue, or end.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="41"/>
        <source>请放回您有效期内的证件继续办理，或结束办理。</source>
        <translation>Put back a card that is still valid to continue, or end.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="26"/>
        <source>这不是刚才的证件</source>
        <translation>This is not the same card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="27"/>
        <source>这张证件已过有效期</source>
        <translation>This card has expired</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PausedOverlay.qml" line="28"/>
        <source>这张证件现在不能使用</source>
        <translation>This card cannot be used now</translation>
    </message>
</context>
<context>
    <name>PhotoScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="62"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="22"/>
        <source>光线太亮，请避开强光</source>
        <translation>Too bright: please move out of the glare</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="21"/>
        <source>光线太暗，请靠近灯光</source>
        <translation>Too dark: please move closer to the light</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="47"/>
        <source>头部没有拍全，请往后退一点</source>
        <translation>Your whole head is not in the photo: please step back a little</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="30"/>
        <source>已拍好</source>
        <translation>Taken</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="28"/>
        <source>很好，请保持不动</source>
        <translation>Good, hold still</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="67"/>
        <source>拍摄证件照</source>
        <translation>Take your ID photo</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="18"/>
        <source>摄像头正在打开，请稍候</source>
        <translation>The camera is starting, please wait</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="36"/>
        <source>照片不够清晰</source>
        <translation>The photo is not sharp enough</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="38"/>
        <source>照片太亮</source>
        <translation>The photo is too bright</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="37"/>
        <source>照片太暗</source>
        <translation>The photo is too dark</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="128"/>
        <source>照片已拍好。满意请按“确认使用”。</source>
        <translation>The photo is taken. If you like it, press “Use this photo”.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="129"/>
        <source>照片有问题，建议重拍：</source>
        <translation>The photo has a problem; better take it again:</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="45"/>
        <source>照片里有别人，请一个人拍照</source>
        <translation>Someone else is in the photo: please have it taken alone</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="183"/>
        <source>确认使用</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="39"/>
        <source>背景不够干净，请站到浅色的墙前</source>
        <translation>The background is not plain: please stand in front of a light wall</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="44"/>
        <source>脸部逆光，请背对窗户或灯光</source>
        <translation>The light is behind you: please turn away from the window or lamp</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="20"/>
        <source>请只留一个人在镜头前</source>
        <translation>Only one person in front of the camera, please</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="27"/>
        <source>请向右移一点</source>
        <translation>Move a little to the right</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="26"/>
        <source>请向左移一点</source>
        <translation>Move a little to the left</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="25"/>
        <source>请往后退一点</source>
        <translation>Step back a little</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="29"/>
        <source>请眨一下眼睛</source>
        <translation>Please blink once</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="42"/>
        <source>请把头摆正</source>
        <translation>Please hold your head straight</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="46"/>
        <source>请抬头</source>
        <translation>Please raise your head</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="130"/>
        <source>请摘下帽子，头发不要遮住眉毛和耳朵。看着镜头，不要动，会自动拍照。</source>
        <translation>Take off your hat; keep your hair off your eyebrows and ears. Look at the camera and keep still: the photo is taken by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="43"/>
        <source>请正对镜头</source>
        <translation>Please face the camera</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="23"/>
        <source>请正对镜头，把头摆正</source>
        <translation>Face the camera and hold your head straight</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="41"/>
        <source>请睁开眼睛</source>
        <translation>Please open your eyes</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="19"/>
        <source>请站到摄像头前，看着屏幕</source>
        <translation>Stand in front of the camera and look at the screen</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="24"/>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="40"/>
        <source>请靠近一点</source>
        <translation>Come a little closer</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="154"/>
        <source>✓ 已确认镜头前是真人，不是照片</source>
        <translation>✓ We checked that a real person, not a photo, is in front of the camera</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="155"/>
        <source>✓ 已确认是您本人，与证件照片一致</source>
        <translation>✓ We checked that it is really you, and you match the photo on your ID card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="157"/>
        <source>✓ 已确认是真人（演示：与示例照片比对）</source>
        <translation>✓ A real person (demo: compared with a sample photo)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="158"/>
        <source>和证件上的照片对不上。可以重拍一次，或请工作人员帮忙。</source>
        <translation>This does not match the photo on your ID card. You can take the photo again, or ask a staff member for help.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/PhotoScreen.qml" line="175"/>
        <source>重新拍摄</source>
        <translation>Take it again</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../ui/qml/Kiosk/PinPad.qml" line="39"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="33"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="19"/>
        <source>不予办理</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="21"/>
        <source>全部办结</source>
        <translation>All done</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="16"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="120"/>
        <source>受理编号 %1，%2 受理，%3 前办结</source>
        <translation>Acceptance number %1, accepted %2, due by %3</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="17"/>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="20"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="74"/>
        <source>已打印，请从打印机取走。</source>
        <translation>Printed: please take it from the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="78"/>
        <source>您的证件没有通过核验，不能打印这份文件。请到窗口咨询。</source>
        <translation>Your card could not be verified, so this document cannot be printed. Please ask at a window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="54"/>
        <source>您的证件没有通过核验，不能查询办件。请到窗口咨询。</source>
        <translation>Your card could not be verified, so your applications cannot be shown. Please ask at a window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="36"/>
        <source>我的办件</source>
        <translation>My applications</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="80"/>
        <source>打印没有成功，请稍后再试，或到窗口打印。</source>
        <translation>It did not print. Please try again later, or have it printed at a window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="142"/>
        <source>打印：%1</source>
        <translation>Print: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="52"/>
        <source>暂时连不上政务服务网络，请稍后再试。</source>
        <translation>The government service network cannot be reached just now. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="76"/>
        <source>本机不能打印这份文件，请到窗口打印。</source>
        <translation>This terminal cannot print this document: please have it printed at a window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="73"/>
        <source>正在打印，请稍候……</source>
        <translation>Printing, one moment…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="51"/>
        <source>正在查询，请稍候……</source>
        <translation>Looking them up, one moment…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="56"/>
        <source>没有查到您的办件。</source>
        <translation>No applications were found for you.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="15"/>
        <source>等待中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="79"/>
        <source>这张证件刚才查询太频繁，请过几分钟再打印。</source>
        <translation>This card was looked up too often just now. Please print again in a few minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="55"/>
        <source>这张证件刚才查询太频繁，请过几分钟再试。</source>
        <translation>This card was looked up too often just now. Please try again in a few minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ProgressScreen.qml" line="18"/>
        <source>退回补正</source>
        <translation>Returned for correction</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/QuestionScreen.qml" line="54"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/QuestionScreen.qml" line="79"/>
        <source>第 %1 问，共 %2 问</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/QuestionScreen.qml" line="80"/>
        <source>第 %1 问，共 %2～%3 问</source>
        <translation>Question %1 of %2–%3</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="15"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="101"/>
        <source>不评价，结束</source>
        <translation>Skip and finish</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="14"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="24"/>
        <source>工作人员服务不好</source>
        <translation>Poor service by staff</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="115"/>
        <source>提交评价</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="21"/>
        <source>操作复杂看不懂</source>
        <translation>Hard to understand</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="22"/>
        <source>材料要求不清楚</source>
        <translation>Unclear what to bring</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="13"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="20"/>
        <source>等待时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="23"/>
        <source>设备出了故障</source>
        <translation>A device failed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="45"/>
        <source>评价是匿名的，只用于改进服务。</source>
        <translation>Ratings are anonymous and only used to improve the service.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="37"/>
        <source>请为这次办理打分</source>
        <translation>How was it?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="67"/>
        <source>请选择不满意的原因（可多选）</source>
        <translation>What was wrong? (choose one or more)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="16"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/RatingScreen.qml" line="12"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="116"/>
        <source>%n 个工作日内办结</source>
        <translation>
            <numerusform>Done within %n working day</numerusform>
            <numerusform>Done within %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="115"/>
        <source>%n 个工作日内办结，%1 前</source>
        <translation>
            <numerusform>Done within %n working day, by %1</numerusform>
            <numerusform>Done within %n working days, by %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="155"/>
        <source>下一步：评价 ›</source>
        <translation>Next: rate us ›</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="147"/>
        <source>再打印一份</source>
        <translation>Print another copy</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="24"/>
        <source>受理回执已打印，请从出纸口取走。</source>
        <translation>Your acceptance notice is printed: please take it from the slot.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="93"/>
        <source>受理编号</source>
        <translation>Acceptance number</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="32"/>
        <source>回执没能打印出来，请联系工作人员；也可以点重新打印再试一次。</source>
        <translation>The notice could not be printed. Please ask a member of staff, or tap Print again to try once more.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="30"/>
        <source>回执没能打印，请到窗口请工作人员补打。</source>
        <translation>The notice could not be printed. Please ask at a window for a copy.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="29"/>
        <source>打印机出了故障，请联系工作人员；也可以用手机扫描二维码查看进度。</source>
        <translation>The printer has a fault. Please ask a member of staff; you can also follow progress with your phone.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="27"/>
        <source>打印机暂时不能用，请联系工作人员；也可以用手机扫描回执二维码查看进度。</source>
        <translation>The printer is not working just now. Please ask a member of staff; you can also follow progress with your phone.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="26"/>
        <source>打印机盖没有关好，请联系工作人员。</source>
        <translation>The printer cover is open. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="25"/>
        <source>打印纸用完了，请联系工作人员；回执会在换纸后自动打印。</source>
        <translation>The printer is out of paper. Please ask a member of staff; the notice prints by itself once paper is loaded.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="31"/>
        <source>收据可能已打印，请查看出纸口；没有的话点重新打印</source>
        <translation>Your receipt may have printed: please check the paper slot. If it did not, tap Print again.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="28"/>
        <source>本机没有打印机：请记下受理编号，或到窗口打印回执。</source>
        <translation>This terminal has no printer: please note the number, or have the notice printed at a window.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="93"/>
        <source>本机编号</source>
        <translation>Terminal number</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="22"/>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="23"/>
        <source>正在打印受理回执，请稍候……</source>
        <translation>Printing your acceptance notice, one moment…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="70"/>
        <source>用手机扫这个二维码，随时查看办理进度</source>
        <translation>Scan this QR code with your phone to follow the progress at any time</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="86"/>
        <source>申请已保存，联网后自动提交</source>
        <translation>Saved; it is sent as soon as the network is back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="86"/>
        <source>申请已受理</source>
        <translation>Application accepted</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="117"/>
        <source>结果将邮寄到家</source>
        <translation>The results will be posted to you</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="117"/>
        <source>结果请到窗口领取</source>
        <translation>Collect the results at the window</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="125"/>
        <source>网络恢复后，申请会自动送达；正式受理编号会在进度页面上替换这个编号，您不用再来。</source>
        <translation>Once the network is back the application is sent by itself; the official acceptance number then replaces this one on the progress page. You need not come back.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="33"/>
        <source>还没有可以再打印的回执。</source>
        <translation>There is no notice to print again yet.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="147"/>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReceiptScreen.qml" line="114"/>
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="148"/>
        <source>代办人：%1</source>
        <translation>Applying for them: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="300"/>
        <source>到窗口领取</source>
        <translation>Collect in person</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="283"/>
        <source>办好后怎么拿</source>
        <translation>How to get the result</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="139"/>
        <source>承诺 %n 个工作日内办结</source>
        <translation>
            <numerusform>Done within %n working day</numerusform>
            <numerusform>Done within %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="192"/>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="312"/>
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="83"/>
        <source>请到窗口交原件</source>
        <translation>Hand in the original at a window</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="25"/>
        <source>%1年%2月%3日</source>
        <translation>%1-%2-%3</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="31"/>
        <source>请核对信息，然后按“确认提交”</source>
        <translation>Please check everything, then press “Submit”</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="77"/>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="78"/>
        <source>部门已有，您不用带</source>
        <translation>The departments have it: nothing to bring</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="79"/>
        <source>就是这张申请表</source>
        <translation>This form</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="80"/>
        <source>您已签承诺，不用带</source>
        <translation>You signed a pledge instead</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="81"/>
        <source>刚才已拍照</source>
        <translation>Photographed just now</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="82"/>
        <source>刚才已读卡</source>
        <translation>Card read just now</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="92"/>
        <source>请核对，然后提交</source>
        <translation>Check, then submit</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="18"/>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="138"/>
        <source>这次一起办：%1</source>
        <translation>Done together this time: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="245"/>
        <source>‹ 上一页</source>
        <translation>‹ Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="253"/>
        <source>第 %1 页，共 %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="263"/>
        <source>下一页 ›</source>
        <translation>Next page ›</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ReviewScreen.qml" line="292"/>
        <source>邮寄到家</source>
        <translation>By post</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="31"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="87"/>
        <source>再扫一次</source>
        <translation>Scan again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="69"/>
        <source>可以扫描：受理通知书上的进度码、预约单上的预约码、电子营业执照。</source>
        <translation>You can scan: the progress code on an acceptance notice, the code on a booking slip, an electronic business licence.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="65"/>
        <source>已识别办件进度码</source>
        <translation>Progress code recognised</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="67"/>
        <source>已识别电子营业执照</source>
        <translation>Electronic business licence recognised</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="66"/>
        <source>已识别预约码</source>
        <translation>Booking code recognised</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="36"/>
        <source>扫描二维码</source>
        <translation>Scan a QR code</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="53"/>
        <source>请把二维码对准方框</source>
        <translation>Hold the QR code inside the frame</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/ScanScreen.qml" line="68"/>
        <source>这个二维码不能在本机使用。请换一个，或咨询工作人员。</source>
        <translation>This QR code cannot be used here. Try another, or ask a member of staff.</translation>
    </message>
</context>
<context>
    <name>SignScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="177"/>
        <source>下一步 ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="57"/>
        <source>代替材料：%1</source>
        <translation>In place of: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="78"/>
        <source>我保证所填信息真实。请在下面签名。</source>
        <translation>I promise that what I filled in is true. Please sign below.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="77"/>
        <source>我已阅读以上承诺，保证所填信息真实。签名即表示同意。</source>
        <translation>I have read the commitment above and promise that what I filled in is true. Signing means I agree.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="18"/>
        <source>确认并签名</source>
        <translation>Confirm and sign</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="166"/>
        <source>签名太短了，请写全您的名字</source>
        <translation>That signature is too short: please write your full name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="103"/>
        <source>请用手指在这里签名</source>
        <translation>Sign here with your finger</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="159"/>
        <source>重新签</source>
        <translation>Sign again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SignScreen.qml" line="18"/>
        <source>阅读承诺并签名</source>
        <translation>Read the commitment and sign</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="103"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="14"/>
        <source>密码不对，还可以再试 %1 次</source>
        <translation>Wrong PIN; %1 tries left</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="47"/>
        <source>工作人员请刷卡</source>
        <translation>Staff: please present your card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="58"/>
        <source>把您本人的身份证放在读卡区，或插入社保卡</source>
        <translation>Place your own ID card on the reader, or insert your social security card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="96"/>
        <source>用验证码登录</source>
        <translation>Sign in with a code</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="20"/>
        <source>请检查输入的内容</source>
        <translation>Please check what you entered</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="49"/>
        <source>请输入一次性验证码</source>
        <translation>Enter the one-time code</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="48"/>
        <source>请输入工作人员密码</source>
        <translation>Enter your staff PIN</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="17"/>
        <source>这个工作人员账号已停用，请联系管理员</source>
        <translation>This staff account is switched off. Please contact the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="16"/>
        <source>这张卡没有登记为本中心的工作人员</source>
        <translation>This card is not registered as staff of this centre</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="19"/>
        <source>连不上中心，无法核对。只有在本机登录过的卡可以离线登录</source>
        <translation>The centre cannot be reached to check. Only a card that signed in on this kiosk before can sign in offline</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="15"/>
        <source>错误次数太多，已锁定，请过 15 分钟再试</source>
        <translation>Too many wrong tries: locked. Please try again in 15 minutes</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StaffPanel.qml" line="18"/>
        <source>验证码不对、已用过或已过期</source>
        <translation>This code is wrong, used already or expired</translation>
    </message>
</context>
<context>
    <name>StepHeader</name>
    <message>
        <location filename="../../ui/qml/Kiosk/StepHeader.qml" line="19"/>
        <source>‹ 上一步</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/StepHeader.qml" line="32"/>
        <source>第 %1 步，共 %2 步</source>
        <translation>Step %1 of %2</translation>
    </message>
</context>
<context>
    <name>SubmittingScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/SubmittingScreen.qml" line="26"/>
        <source>您的申请已保存在本机，不会丢失。</source>
        <translation>Your application is saved on this terminal and cannot be lost.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/SubmittingScreen.qml" line="17"/>
        <source>正在提交，请稍候……</source>
        <translation>Submitting, one moment…</translation>
    </message>
</context>
<context>
    <name>TakeCardScreen</name>
    <message>
        <location filename="../../ui/qml/Kiosk/TakeCardScreen.qml" line="24"/>
        <source>请取走您的证件</source>
        <translation>Please take your card</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="54"/>
        <source>回首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="116"/>
        <source>打开声音</source>
        <translation>Sound on</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="170"/>
        <source>标准模式</source>
        <translation>Standard mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="89"/>
        <source>语音提示暂不可用</source>
        <translation>Voice prompts unavailable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="145"/>
        <source>请工作人员帮忙</source>
        <translation>Ask staff for help</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="103"/>
        <source>读一读</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="129"/>
        <source>退出帮办</source>
        <translation>End staff help</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="170"/>
        <source>长辈模式</source>
        <translation>Elderly mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/TopBar.qml" line="116"/>
        <source>静音</source>
        <translation>Mute</translation>
    </message>
</context>
</TS>
