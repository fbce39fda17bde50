; perfdesk 安装程序（Inno Setup 6）：按用户安装，无需管理员权限。
; Per-user installer for perfdesk (Inno Setup 6); no administrator rights needed.
;
;   1. 先构建 / first build:   pyinstaller --noconfirm --clean packaging\perfdesk.spec
;   2. 再编译 / then compile:  "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\perfdesk.iss
;      签名 / signed:          ISCC.exe /DSIGN "/Ssigntool=signtool.exe sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a $f" packaging\perfdesk.iss
;   输出 / output: dist\perfdesk-<版本>-setup.exe
;
; This file is UTF-8 with a byte-order mark: Inno Setup needs the BOM to read the Chinese text.
; .db files: perfdesk is offered under “打开方式” (Open with) through OpenWithProgids; it does
; NOT become the default program for .db, which many other programs use too.

#define AppName "perfdesk"
#define BundleDir AddBackslash(SourcePath) + "..\dist\perfdesk"
#define AppExe "perfdesk.exe"
#ifndef AppVersion
  ; from the version resource PyInstaller wrote into perfdesk.exe (packaging\version_info.txt)
  #define AppVersion GetVersionNumbersString(BundleDir + "\" + AppExe)
#endif
#if AppVersion == ""
  #error dist\perfdesk\perfdesk.exe not found or has no version: run PyInstaller first (see packaging\README.md)
#endif
#define ProgId "perfdesk.project"

; The Chinese wizard needs ChineseSimplified.isl, an unofficial Inno Setup translation (not
; installed with Inno Setup): put it beside this file or in Inno Setup's Languages folder.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseIsl AddBackslash(SourcePath) + "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: the installer will be in English (see packaging\README.md)"
#endif

[Setup]
; AppId identifies perfdesk for upgrades and the uninstaller: never change it.
AppId={{EED0099E-1952-42B4-98AA-746EB0FC693B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=perfdesk
AppComments=部门（单位）整体支出绩效目标表的填报、审核与打印
VersionInfoVersion={#AppVersion}
VersionInfoDescription=perfdesk 安装程序
; Per user, no UAC prompt: {autopf} is %LOCALAPPDATA%\Programs, registry entries go to HKCU.
; IT staff can still install for all users from the command line: setup.exe /ALLUSERS
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Qt 6 needs 64-bit Windows 10 1809 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#SourcePath}..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#SourcePath}..\resources\icons\perfdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
; close a running perfdesk before files are replaced (it saves autosave copies, nothing is lost)
CloseApplications=yes
#ifdef SIGN
; ISCC /DSIGN /Ssigntool=...: signs setup.exe and the uninstaller with the same command
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
#ifdef ChineseIsl
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "附加快捷方式："; Flags: unchecked

[InstallDelete]
; An upgrade must not keep libraries of the old version beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "部门（单位）整体支出绩效目标表的填报、审核与打印"
Name: "{autoprograms}\{#AppName} 字体许可证"; Filename: "{app}\_internal\resources\fonts\gbsn00lp-LICENSE.txt"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon; Comment: "部门（单位）整体支出绩效目标表的填报、审核与打印"

[Registry]
; HKA = HKCU\Software\Classes for a per-user install (HKLM only with /ALLUSERS).
; 1) the ProgID: how a perfdesk project opens, and its name and icon in Explorer
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "perfdesk 项目文件"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; 2) offered in “打开方式” for .db, without touching which program opens .db by default
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; 3) the program's own entry: a friendly name in the “打开方式” list
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "perfdesk 绩效目标表"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "运行 perfdesk"; Flags: nowait postinstall skipifsilent

; The user's projects, logs and recovery copies (%LOCALAPPDATA%\perfdesk) are left alone by the uninstaller.
