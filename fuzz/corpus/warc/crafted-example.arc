filedesc://example.arc 0.0.0.0 20080315101010 text/plain 75
1 0 Alexa Internet
URL IP-address Archive-date Content-type Archive-length

http://eakar.daklak.gov.vn/index.html 10.0.0.1 20080315101011 text/html 263
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8
Content-Length: 183

<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>UBND huyện Ea Kar</title></head><body><h1>UBND huyện Ea Kar</h1><p>Cổng thông tin năm 2008.</p></body></html>
http://eakar.daklak.gov.vn/default.asp 10.0.0.1 20080315101012 text/html 64
HTTP/1.1 302 Found
Location: /index.html
Content-Length: 0


http://eakar.daklak.gov.vn/van-ban/qd 12.pdf 10.0.0.1 20080315101013 application/pdf 95
HTTP/1.1 200 OK
Content-Type: application/pdf
Content-Length: 25

%PDF-1.4
% crafted
%%EOF

