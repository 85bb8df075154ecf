/**
 * Simplified vs Traditional Chinese by character frequency: frequent characters whose two forms differ, and
 * where neither form is used in the other system's everyday text. Left out on purpose: characters one system
 * keeps for another word (后 is also "empress" in Traditional text, 里 "mile", 干, 只, 台, 于, 云, 万, 几, 余,
 * 范, 准, 冲, 据, 极, 确 …) and Traditional forms that Simplified text still uses (著, 乾, 藉, 瞭, 夥).
 * Checked against OpenCC's STCharacters (s2t) table; Taiwan's and OpenCC's Traditional forms are both listed
 * where they differ (為/爲, 眾/衆, 啟/啓, 偽/僞, 群/羣, 床/牀).
 */

/** Each group: the Simplified form first, then its Traditional form(s). */
const GROUPS = `
们們 这這 说說 个個 来來 时時 会會 为為爲 对對 国國 过過 还還 没沒 发發 么麼 样樣 经經 现現 开開
关關 问問 间間 门門 见見 长長 东東 车車 马馬 鸟鳥 鱼魚 话話 语語 认認 识識 让讓 请請 谢謝 谁誰 读讀
写寫 学學 习習 买買 卖賣 钱錢 银銀 钟鐘鍾 铁鐵 错錯 难難 头頭 题題 页頁 顾顧 颜顏 风風 飞飛 饭飯 饿餓
馆館 节節 药藥 苏蘇 与與 业業 丝絲 两兩 严嚴 丧喪 临臨 丽麗 举舉 义義 乐樂 书書 乱亂 争爭 亏虧 亚亞
产產 亲親 亿億 仅僅 从從 仓倉 仪儀 众眾衆 优優 伟偉 传傳 伤傷 伦倫 体體 侦偵 侧側 债債 倾傾 偿償 儿兒
兰蘭 兴興 养養 兽獸 内內 册冊 军軍 农農 决決 况況 冻凍 净淨 凉涼 减減 凤鳳 凭憑 击擊 刘劉 则則 刚剛
创創 删刪 别別 剧劇 剑劍 办辦 务務 动動 劳勞 势勢 区區 医醫 华華 协協 单單 卫衛衞 却卻 厅廳 历歷 压壓
厌厭 县縣 参參 双雙 变變 叙敘 号號 叹嘆 吗嗎 吴吳 员員 听聽 启啟啓 响響 哑啞 团團 园園 围圍 图圖 圆圓
圣聖 场場 块塊 坚堅 声聲 处處 备備 复復複 够夠 夺奪 奋奮 妇婦 妈媽 娱娛 孙孫 实實 宝寶 审審 宫宮 寻尋
导導 寿壽 将將 尔爾 尘塵 尝嘗嚐 层層 属屬 岁歲 岛島 帅帥 师師 带帶 帮幫 庆慶 库庫 应應 废廢 异異 弃棄
张張 弹彈 强強 归歸 当當 录錄 彻徹 忆憶 态態 怀懷 总總 恋戀 恶惡 悦悅 惊驚 惯慣 战戰 户戶 护護 报報
担擔 拥擁 择擇 换換 损損 摄攝 摆擺 敌敵 数數 断斷 无無 旧舊 显顯 晓曉 暂暫 术術 机機 杀殺 杂雜 权權
条條 构構 枪槍 档檔 桥橋 检檢 楼樓 欢歡 欧歐 毕畢 气氣 汇匯 汉漢 沟溝 泪淚 泽澤 洁潔 济濟 浅淺 测測
浓濃 涨漲 温溫 湾灣 满滿 灭滅 灯燈 灵靈 灾災 点點 烂爛 热熱 爱愛 爷爺 状狀 犹猶 独獨 猪豬 猫貓 献獻
环環 电電 画畫 疗療 疯瘋 盐鹽 监監 盖蓋 盘盤 码碼 础礎 礼禮 离離 积積 称稱 稳穩 穷窮 竞競 笔筆 类類
纪紀 约約 级級 纸紙 线線綫 练練 组組 细細 织織 终終 结結 给給 绝絕 统統 继繼 绩績 续續 维維 绿綠 编編
缘緣 网網 罗羅 罚罰 职職 联聯 肃肅 脑腦 脸臉 舰艦 艺藝 荣榮 获獲 营營 虑慮 虽雖 补補 装裝 观觀 规規
视視 览覽 觉覺 计計 讨討 训訓 议議 记記 讲講 许許 论論 设設 访訪 证證 评評 诉訴 词詞 试試 诗詩 该該
详詳 误誤 调調 谈談 贝貝 负負 财財 责責 败敗 货貨 质質 购購 贵貴 费費 资資 赛賽 赞讚贊 赶趕 趋趨 跃躍
践踐 转轉 轮輪 软軟 轻輕 较較 辆輛 输輸 边邊 达達 迁遷 运運 进進 远遠 连連 迟遲 选選 递遞 逻邏 遗遺
邮郵 乡鄉 释釋 针針 钢鋼 键鍵 镜鏡 闪閃 闭閉 闹鬧 闻聞 阅閱 队隊 阳陽 阴陰 阵陣 际際 陆陸 陈陳 险險
随隨 隐隱 雾霧 静靜 顶頂 项項 顺順 须須 预預 领領 频頻 饮飲 驾駕 验驗 骗騙 鸡雞 麦麥 黄黃 齐齊 龙龍
龟龜 伞傘 宁寧 尽盡 庄莊 戏戲 执執 扩擴 扫掃 扬揚 抢搶 挤擠 摇搖 标標 树樹 梦夢 毁毀 汤湯 渐漸 润潤
湿濕溼 灿燦 牵牽 盗盜 睁睜 砖磚 祸禍 窃竊 竖豎 签簽籤 简簡 粮糧 紧緊 纯純 纳納 纷紛 绍紹 绕繞 络絡 综綜
缓緩 缩縮 罢罷 聪聰 肠腸 肤膚 胆膽 胶膠 脉脈 腾騰 苍蒼 虾蝦 蚁蟻 袜襪 誉譽 谋謀 谓謂 谜謎 谱譜 贡貢
贫貧 贴貼 贷貸 贸貿 赏賞 赔賠 赚賺 辈輩 辉輝 辑輯 迹跡蹟 逊遜 遥遙 邻鄰 郑鄭 酱醬 锁鎖 锅鍋 锋鋒 链鏈
闯闖 阶階 韩韓 颗顆 饱飽 驱驅 驶駛 骂罵 骄驕 骑騎 鲜鮮 鸣鳴 齿齒 伪偽僞 群羣 床牀
`;

export interface VariantTable {
  /** Simplified form → its Traditional forms. */
  pairs: Map<string, string[]>;
  simplifiedOnly: Set<string>;
  traditionalOnly: Set<string>;
}

function buildTable(): VariantTable {
  const pairs = new Map<string, string[]>();
  const simplifiedOnly = new Set<string>();
  const traditionalOnly = new Set<string>();
  for (const group of GROUPS.split(/\s+/)) {
    const [simplified, ...traditional] = Array.from(group);
    const distinct = traditional.filter((t) => t !== simplified);
    if (!simplified || distinct.length === 0) continue;
    pairs.set(simplified, distinct);
    simplifiedOnly.add(simplified);
    for (const t of distinct) traditionalOnly.add(t);
  }
  return { pairs, simplifiedOnly, traditionalOnly };
}

export const CHINESE_VARIANTS: VariantTable = buildTable();

export interface VariantCounts {
  /** Characters found only in Simplified text. */
  simplified: number;
  /** Characters found only in Traditional text. */
  traditional: number;
}

/** Counts the telling characters in texts; linear in their length. */
export function countChineseVariants(texts: Iterable<string>): VariantCounts {
  const { simplifiedOnly, traditionalOnly } = CHINESE_VARIANTS;
  let simplified = 0;
  let traditional = 0;
  for (const text of texts) {
    for (const ch of text) {
      if (simplifiedOnly.has(ch)) simplified++;
      else if (traditionalOnly.has(ch)) traditional++;
    }
  }
  return { simplified, traditional };
}
