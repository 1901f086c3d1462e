// Material's storage helpers (partials/javascripts/base.html of mkdocs-material 9.8.1),
// loaded from a file so the Content-Security-Policy can forbid inline scripts.
// The scope comes from the script tag because a file cannot hold per-page values.
__md_scope=new URL(document.currentScript.dataset.scope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
