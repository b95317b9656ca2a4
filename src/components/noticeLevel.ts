// How serious a notice is. Every panel that reports to the page's notice list (App's
// Notices) takes an `onNotice(level, message)`; the level lives here, apart from any panel,
// so panels that hold each other (SaveLoad holds ExportButtons and ModelExchange) need not
// import each other for it.

export type NoticeLevel = 'info' | 'warning' | 'error';
