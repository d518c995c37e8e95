-- Opens FILE in headless Neovim 0.7, attaches ftpwall's language server (SERVER, over stdio,
-- rooted at ROOT) and prints each diagnostic as "DIAG <line> <code> <message>", then quits.
-- Neovim 0.7 has no vim.lsp.start, so the client is started and attached by hand.
local server, root, file = os.getenv('FTPWALL_SERVER'), os.getenv('FTPWALL_ROOT'), os.getenv('FTPWALL_FILE')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'ftpwall', cmd = { 'node', server, '--stdio' }, root_dir = root })
vim.lsp.buf_attach_client(buf, id)
-- Wait until the host check has run too: a finding from the firewall cross-check arrives with the others.
local ok = vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
    if code and string.sub(code, 1, 4) == 'ftp/' then return true end
  end
  return false
end, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or '?'
  io.stdout:write(string.format('DIAG %d %s %s\n', d.lnum, code, d.message))
end
if ok then vim.cmd('qa!') else io.stdout:write('TIMEOUT\n'); vim.cmd('cq') end
