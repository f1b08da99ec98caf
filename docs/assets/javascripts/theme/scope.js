// Where the theme keeps its settings (palette and others) in localStorage.
// Verbatim from mkdocs-material's partials/javascripts/base.html (the scope, which
// differs by page depth, comes from the script element's data-scope); a file instead of an inline
// script so that a Content-Security-Policy without 'unsafe-inline' or hashes covers the site.
// tests/site/test_hosting.py checks that it still matches the theme.
__md_scope=new URL(document.currentScript.dataset.scope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
