-- WeCom UserIDs are case-insensitive (ZhangSan and zhangsan are one account, and callbacks may
-- spell it either way): look them up without case, through an index that can serve that.
CREATE INDEX users_wecom_user_id_nocase ON users(wecom_user_id COLLATE NOCASE);
